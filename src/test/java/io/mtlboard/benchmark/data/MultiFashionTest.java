package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultiFashionTest {

    private static final Path DATA = Path.of("benchmarks-data");
    private static final Path DEBIAN = Path.of(FashionMnist.DEBIAN_DIR);

    /** Two flat items: item 0 all 50, item 1 all 200, labels 3 and 7. */
    private static FashionMnist flatItems() {
        byte[] pixels = new byte[2 * FashionMnist.PIXELS];
        Arrays.fill(pixels, 0, FashionMnist.PIXELS, (byte) 50);
        Arrays.fill(pixels, FashionMnist.PIXELS, pixels.length, (byte) 200);
        return new FashionMnist(pixels, new byte[] {3, 7});
    }

    private static DataLocations locations(Path cache) {
        return new DataLocations(DATA, DEBIAN, cache.resolve("external"), cache);
    }

    private static BenchmarkManifest manifest() throws IOException {
        return BenchmarkManifestReader.read(DATA.resolve("multifashion/benchmark.json"));
    }

    @Test
    void shouldSampleTheCanvasAsPilNearestDoes() {
        // ⌊(i + ½) · 36/28⌋
        assertThat(
                        new int[] {
                            MultiFashion.source(0),
                            MultiFashion.source(1),
                            MultiFashion.source(2),
                            MultiFashion.source(13),
                            MultiFashion.source(27)
                        })
                .containsExactly(0, 1, 3, 17, 35);
    }

    @Test
    void shouldPlaceTheSecondItemSixPixelsDownRightAndKeepTheMaximum() {
        byte[] out = new byte[FashionMnist.PIXELS];
        MultiFashion.compose(flatItems(), 0, 1, out, 0);
        assertThat(out[0] & 0xFF).as("canvas (0,0): left item only").isEqualTo(50);
        assertThat(out[10 * 28 + 10] & 0xFF).as("canvas (13,13): overlap, maximum").isEqualTo(200);
        assertThat(out[27 * 28 + 27] & 0xFF).as("canvas (35,35): empty").isZero();
        assertThat(out[27 * 28 + 20] & 0xFF).as("canvas (35,26): below both items").isZero();
        assertThat(out[24 * 28 + 24] & 0xFF).as("canvas (31,31): right item only").isEqualTo(200);
        MultiFashion.compose(flatItems(), 1, 0, out, 0);
        assertThat(out[10 * 28 + 10] & 0xFF)
                .as("the maximum does not depend on which item is on top")
                .isEqualTo(200);
    }

    @Test
    void shouldPairEveryItemWithAnotherSeededPartner() {
        int n = 1000;
        int[] hits = new int[n];
        for (int i = 0; i < n; i++) {
            int j = MultiFashion.partner(5, i, n);
            assertThat(j)
                    .isBetween(0, n - 1)
                    .isNotEqualTo(i)
                    .isEqualTo(MultiFashion.partner(5, i, n));
            hits[j]++;
        }
        assertThat(Arrays.stream(hits).max().orElseThrow()).isLessThan(10);
        assertThat(
                        MultiFashion.partner(6, 0, n) == MultiFashion.partner(5, 0, n)
                                && MultiFashion.partner(6, 1, n) == MultiFashion.partner(5, 1, n))
                .as("the seed matters")
                .isFalse();
    }

    @Test
    void shouldOpenTheShippedTestSplitWithVerifiedChecksums() throws IOException {
        BenchmarkDataset test =
                BenchmarkData.open(manifest(), "test", locations(Path.of("target/unused")));
        assertThat(test.size()).isEqualTo(10000);
        Sample s = test.get(9999);
        assertThat(s.input()).hasSize(784);
        assertThat(s.targets()).hasSize(2);
        for (float[] t : s.targets()) {
            assertThat(t[0]).isBetween(0f, 9f);
        }
        assertThat(
                        BenchmarkData.open(
                                        manifest(),
                                        "train-subset",
                                        locations(Path.of("target/unused")))
                                .size())
                .isEqualTo(2000);
    }

    @Test
    void shouldRegenerateTheShippedTestSplitBitForBitFromFashionMnist() throws IOException {
        assumeTrue(FashionMnist.present(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        BenchmarkDataset shipped =
                BenchmarkData.open(manifest(), "test", locations(Path.of("target/unused")));
        FashionMnist t10k = FashionMnist.load(DEBIAN, FashionMnist.Part.TEST);
        MultiFashion.Composites regenerated = MultiFashion.generate(t10k, 1, 0, t10k.count());
        for (int i = 0; i < shipped.size(); i++) {
            Sample s = shipped.get(i);
            for (int p = 0; p < 784; p++) {
                if (s.input()[p] != (regenerated.images()[i * 784 + p] & 0xFF)) {
                    throw new AssertionError("sample " + i + " pixel " + p + " differs");
                }
            }
            assertThat(s.targets().get(0)[0]).isEqualTo(regenerated.labels()[2 * i]);
            assertThat(s.targets().get(1)[0]).isEqualTo(regenerated.labels()[2 * i + 1]);
        }
    }

    @Test
    void shouldShipTheFirstSamplesOfTheGeneratedTrainingSplit() throws IOException {
        assumeTrue(FashionMnist.present(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
        BenchmarkDataset subset =
                BenchmarkData.open(manifest(), "train-subset", locations(Path.of("target/unused")));
        BenchmarkDataset train =
                BenchmarkData.open(manifest(), "train", locations(Path.of("target/unused")));
        assertThat(train.size()).isEqualTo(60000);
        for (int i : new int[] {0, 1, 999, 1999}) {
            assertThat(subset.get(i).input()).isEqualTo(train.get(i).input());
            assertThat(subset.get(i).targets().get(1)).isEqualTo(train.get(i).targets().get(1));
        }
    }
}
