package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.support.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionScenesTest {

    private static final Path DATA = Path.of("benchmarks-data");
    private static final int S = FashionScenes.SIZE;
    private static final int PX = S * S;
    private static FashionMnist bank;
    private static BenchmarkManifest manifest;

    @BeforeAll
    static void load() throws IOException {
        manifest = BenchmarkManifestReader.read(DATA.resolve("fashionscenes/benchmark.json"));
        bank =
                BenchmarkData.items(
                        manifest, "fashion-mnist-test", locations(Path.of("target/unused")));
    }

    private static DataLocations locations(Path cache) {
        return new DataLocations(
                DATA, Path.of(FashionMnist.DEBIAN_DIR), cache.resolve("external"), cache);
    }

    @Test
    void shouldRenderTheSameSceneFromTheSameSeedAndIndex() {
        FashionScenes.Scene a = FashionScenes.render(bank, 11, 42);
        FashionScenes.Scene b = FashionScenes.render(bank, 11, 42);
        assertThat(a.image()).isEqualTo(b.image());
        assertThat(a.depth()).isEqualTo(b.depth());
        assertThat(a.normals()).isEqualTo(b.normals());
        assertThat(FashionScenes.render(bank, 11, 43).image()).isNotEqualTo(a.image());
        assertThat(FashionScenes.render(bank, 12, 42).image()).isNotEqualTo(a.image());
    }

    @Test
    void shouldGiveConsistentGroundTruth() {
        for (int i = 0; i < 50; i++) {
            FashionScenes.Scene s = FashionScenes.render(bank, 11, i);
            int items = 0;
            for (int p = 0; p < PX; p++) {
                int label = s.labels()[p];
                assertThat(label).isBetween(0, FashionScenes.CLASSES - 1);
                items += label > 0 ? 1 : 0;
                assertThat(s.depth()[p]).isGreaterThanOrEqualTo(0f);
                double nx = s.normals()[p];
                double ny = s.normals()[PX + p];
                double nz = s.normals()[2 * PX + p];
                double norm = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (norm > 0) {
                    assertThat(norm).isCloseTo(1.0, within(1e-5));
                    assertThat(nz).as("normals face the camera").isNegative();
                }
            }
            assertThat(items).as("scene %d shows at least one item", i).isPositive();
        }
    }

    @Test
    void shouldPutItemsInFrontOfTheBackgroundAndMarkOcclusionShadows() {
        FashionScenes.Scene s = FashionScenes.render(bank, 11, 0);
        double itemMax = 0;
        double backgroundMin = Double.MAX_VALUE;
        int invalid = 0;
        for (int p = 0; p < PX; p++) {
            if (s.depth()[p] == 0) {
                invalid++;
            } else if (s.labels()[p] > 0) {
                itemMax = Math.max(itemMax, s.depth()[p]);
            } else {
                backgroundMin = Math.min(backgroundMin, s.depth()[p]);
            }
        }
        assertThat(itemMax).isLessThan(backgroundMin);
        assertThat(invalid).isBetween(1, PX / 4);
    }

    @Test
    void shouldMeasureTheBackgroundPlaneNormalFromDepth() {
        FashionScenes.Scene s = FashionScenes.render(bank, 11, 3);
        // two background pixels with valid normals lie on one plane: same normal
        int first = -1;
        for (int p = 0; p < PX; p++) {
            boolean valid = s.normals()[2 * PX + p] != 0;
            if (s.labels()[p] == 0 && valid && s.labels()[Math.min(PX - 1, p + 1)] == 0) {
                if (first < 0) {
                    first = p;
                } else {
                    for (int c = 0; c < 3; c++) {
                        assertThat(s.normals()[c * PX + p])
                                .isCloseTo(s.normals()[c * PX + first], within(1e-4f));
                    }
                }
            }
        }
        assertThat(first).isNotNegative();
    }

    @Test
    void shouldRegenerateTheTestSplitBitForBitAsTheManifestRecords(@TempDir Path cache)
            throws IOException {
        BenchmarkDataset test = BenchmarkData.open(manifest, "test", locations(cache));
        assertThat(test.size()).isEqualTo(1000);
        Path dir = cache.resolve("fashionscenes/test-seed11");
        for (BenchmarkManifest.FileRef f : manifest.split("test").orElseThrow().files()) {
            assertThat(Sha256.of(dir.resolve(f.path()))).as(f.path()).isEqualTo(f.sha256());
        }
        Sample s = test.get(7);
        FashionScenes.Scene scene = FashionScenes.render(bank, 11, 7);
        assertThat(s.input()).hasSize(3 * PX);
        assertThat(s.input()[100]).isEqualTo(scene.image()[100] & 0xFF);
        assertThat(s.targets()).hasSize(3);
        assertThat(s.targets().get(1)).isEqualTo(scene.depth());
        assertThat(s.targets().get(2)).isEqualTo(scene.normals());
    }

    @Test
    void shouldReplaceATamperedCache(@TempDir Path cache) throws IOException {
        BenchmarkData.open(manifest, "test", locations(cache));
        Path depth = cache.resolve("fashionscenes/test-seed11").resolve(FashionScenesFiles.DEPTH);
        Files.write(depth, new byte[] {1, 2, 3});
        BenchmarkDataset test = BenchmarkData.open(manifest, "test", locations(cache));
        assertThat(Sha256.of(depth))
                .isEqualTo(manifest.split("test").orElseThrow().files("depth").get(0).sha256());
        assertThat(test.get(0).targets().get(1)).hasSize(PX);
    }

    @Test
    void shouldRenderTrainingScenesOnTheFlyFromTheTrainingBank() throws IOException {
        BenchmarkDataset train =
                BenchmarkData.open(manifest, "train", locations(Path.of("target/unused")));
        assertThat(train.size()).isEqualTo(20000);
        Sample a = train.get(19999);
        assertThat(a.input()).hasSize(3 * PX);
        assertThat(train.get(19999).input()).isEqualTo(a.input());
    }
}
