package io.mtlboard.benchmark.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import io.mtlboard.benchmark.data.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Corruptions on real bundled images: an RGB FashionScenes scene and a grey MultiFashion composite. */
class CorruptionTest {

    private static final Path DATA = Path.of("benchmarks-data");
    private static final DataLocations LOCATIONS =
            new DataLocations(
                    DATA,
                    Path.of(FashionMnist.DEBIAN_DIR),
                    Path.of("target/unused"),
                    Path.of("target/unused"));
    private static float[] rgb;
    private static float[] grey;
    private static BenchmarkManifest multifashion;

    @BeforeAll
    static void load() throws IOException {
        BenchmarkManifest scenes =
                BenchmarkManifestReader.read(DATA.resolve("fashionscenes/benchmark.json"));
        rgb = unit(BenchmarkData.open(scenes, "train", LOCATIONS).get(0).input());
        multifashion = BenchmarkManifestReader.read(DATA.resolve("multifashion/benchmark.json"));
        grey = unit(BenchmarkData.open(multifashion, "test", LOCATIONS).get(0).input());
    }

    private static float[] unit(float[] bytes) {
        float[] v = new float[bytes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = bytes[i] / 255f;
        }
        return v;
    }

    static Stream<Arguments> images() {
        return Stream.of(Corruption.values())
                .flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    private static float[] apply(Corruption c, boolean colour, int severity, long seed) {
        return colour
                ? c.apply(rgb, 3, 64, 64, severity, seed)
                : c.apply(grey, 1, 28, 28, severity, seed);
    }

    private static double meanAbsoluteChange(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    @ParameterizedTest(name = "{0}, colour {1}")
    @MethodSource("images")
    void shouldChangeTheImageMoreAtEachSeverity(Corruption c, boolean colour) {
        float[] clean = colour ? rgb : grey;
        double previous = 0;
        for (int severity = 1; severity <= 5; severity++) {
            double change = meanAbsoluteChange(clean, apply(c, colour, severity, 99));
            assertThat(change).as("severity %d", severity).isGreaterThan(previous);
            previous = change;
        }
    }

    @ParameterizedTest(name = "{0}, colour {1}")
    @MethodSource("images")
    void shouldStayInRangeOnEightBitLevelsAndLeaveTheInputAlone(Corruption c, boolean colour) {
        float[] clean = (colour ? rgb : grey).clone();
        float[] out = apply(c, colour, 5, 7);
        assertThat(colour ? rgb : grey).isEqualTo(clean);
        assertThat(out).hasSameSizeAs(clean);
        for (float v : out) {
            assertThat(v).isBetween(0f, 1f);
            assertThat(v * 255.0).isCloseTo(Math.rint(v * 255.0), within(1e-4));
        }
    }

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void shouldBeDeterministicPerSeed(Corruption c) {
        assertThat(apply(c, true, 3, 1234)).isEqualTo(apply(c, true, 3, 1234));
    }

    @Test
    void shouldDrawDifferentNoiseFromDifferentSeeds() {
        assertThat(apply(Corruption.GAUSSIAN_NOISE, true, 3, 1))
                .isNotEqualTo(apply(Corruption.GAUSSIAN_NOISE, true, 3, 2));
        assertThat(apply(Corruption.SHOT_NOISE, false, 3, 1))
                .isNotEqualTo(apply(Corruption.SHOT_NOISE, false, 3, 2));
    }

    @Test
    void shouldLeaveAFlatImageFlatUnderBlurPixelationAndContrast() {
        float[] flat = new float[3 * 16 * 16];
        Arrays.fill(flat, 0.4f);
        for (Corruption c :
                new Corruption[] {
                    Corruption.GAUSSIAN_BLUR,
                    Corruption.MOTION_BLUR,
                    Corruption.PIXELATE,
                    Corruption.CONTRAST
                }) {
            for (float v : c.apply(flat, 3, 16, 16, 5, 3)) {
                assertThat(v).as(c.id()).isCloseTo(0.4f, within(0.5f / 255));
            }
        }
    }

    @Test
    void shouldScaleTheJpegTablesAsTheIjgLibraryDoes() {
        // quality 50 keeps the base table; quality 25 doubles it; 10 multiplies it by 5 (clamped to
        // 255)
        int[] base = {16, 11, 99};
        assertThat(JpegQuantization.scaled(pad(base), 50)).startsWith(16, 11, 99);
        assertThat(JpegQuantization.scaled(pad(base), 25)).startsWith(32, 22, 198);
        assertThat(JpegQuantization.scaled(pad(base), 10)).startsWith(80, 55, 255);
    }

    private static int[] pad(int[] head) {
        int[] t = new int[64];
        Arrays.fill(t, 1);
        System.arraycopy(head, 0, t, 0, head.length);
        return t;
    }

    @Test
    void shouldRejectSeveritiesOutsideOneToFive() {
        assertThatThrownBy(() -> Corruption.CONTRAST.apply(grey, 1, 28, 28, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Corruption.byId("fog"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Corruption.byId("jpeg")).isEqualTo(Corruption.JPEG);
    }

    @Test
    void shouldCorruptAWholeSplitSampleBySampleWithTargetsUnchanged() throws IOException {
        BenchmarkDataset clean = BenchmarkData.open(multifashion, "test", LOCATIONS);
        CorruptedDataset noisy =
                new CorruptedDataset(clean, multifashion.input(), Corruption.GAUSSIAN_NOISE, 2, 5);
        Sample a = noisy.get(3);
        assertThat(noisy.size()).isEqualTo(10000);
        assertThat(a.targets().get(0)).isEqualTo(clean.get(3).targets().get(0));
        assertThat(a.input()).isNotEqualTo(clean.get(3).input()).isEqualTo(noisy.get(3).input());
        for (float v : a.input()) {
            assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.rint(v));
        }
        assertThat(noisy.get(4).input()).isNotEqualTo(a.input());
    }
}
