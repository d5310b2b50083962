package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL adapter on the bundled benchmarks, with the PyTorch engine on the CPU. */
class DjlBenchmarkDatasetTest {

    private static final Path DATA = Path.of("benchmarks-data");
    private static NDManager manager;
    private static BenchmarkManifest multifashion;
    private static BenchmarkDataset multifashionTest;

    @BeforeAll
    static void open() throws Exception {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        multifashion = BenchmarkManifestReader.read(DATA.resolve("multifashion/benchmark.json"));
        multifashionTest = BenchmarkData.open(multifashion, "test", locations(Path.of("target/unused")));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static DataLocations locations(Path cache) {
        return new DataLocations(DATA, Path.of(FashionMnist.DEBIAN_DIR), cache, cache);
    }

    @Test
    void shouldBatchNormalizedInputsAndOneLabelPerTask() throws Exception {
        DjlBenchmarkDataset ds = DjlBenchmarkDataset.builder(multifashion, multifashionTest).setSampling(8, false)
                .optLimit(16).build();
        try (NDManager scope = manager.newSubManager()) {
            Batch first = ds.getData(scope).iterator().next();
            try (first) {
                NDArray x = first.getData().singletonOrThrow();
                assertThat(x.getShape()).isEqualTo(new Shape(8, 1, 28, 28));
                assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
                float[] raw = multifashionTest.get(0).input();
                float[] normalized = x.get(0).toFloatArray();
                for (int p = 0; p < raw.length; p++) {
                    assertThat(normalized[p]).isCloseTo(raw[p] / 255f, within(1e-6f));
                }
                assertThat(first.getLabels()).hasSize(2);
                assertThat(first.getLabels().get(1).getShape()).isEqualTo(new Shape(8));
                assertThat(first.getLabels().get(1).getDataType()).isEqualTo(DataType.INT64);
                assertThat(first.getLabels().get(1).getLong(5)).isEqualTo((long) multifashionTest.get(5).targets().get(1)[0]);
            }
        }
    }

    @Test
    void shouldScoreEverySampleIncludingTheLastPartialBatch() throws Exception {
        int n = 1000;
        DjlBenchmarkDataset ds = DjlBenchmarkDataset.builder(multifashion, multifashionTest).setSampling(256, false)
                .optLimit(n).build();
        // always predicts class 0 for both tasks: accuracy = share of class-0 labels among the first n
        long zerosLeft = 0;
        long zerosRight = 0;
        for (int i = 0; i < n; i++) {
            zerosLeft += multifashionTest.get(i).targets().get(0)[0] == 0 ? 1 : 0;
            zerosRight += multifashionTest.get(i).targets().get(1)[0] == 0 ? 1 : 0;
        }
        Map<String, Double> scores = new SplitScorer(multifashion).score(ds, manager,
                input -> new NDList(zeroClass(input), zeroClass(input)));
        assertThat(scores).containsOnlyKeys("left.accuracy", "right.accuracy");
        assertThat(scores.get("left.accuracy")).isCloseTo(100.0 * zerosLeft / n, within(1e-9));
        assertThat(scores.get("right.accuracy")).isCloseTo(100.0 * zerosRight / n, within(1e-9));
    }

    private static NDArray zeroClass(NDList input) {
        long batch = input.head().getShape().get(0);
        NDArray logits = input.getManager().zeros(new Shape(batch, 10));
        logits.set(new NDIndex(":, 0"), 1f);
        return logits;
    }

    @Test
    void shouldScorePerfectDenseOutputsAsPerfect(@TempDir Path cache) throws Exception {
        BenchmarkManifest scenes = BenchmarkManifestReader.read(DATA.resolve("fashionscenes/benchmark.json"));
        BenchmarkDataset test = BenchmarkData.open(scenes, "test", locations(cache));
        DjlBenchmarkDataset ds = DjlBenchmarkDataset.builder(scenes, test).setSampling(16, false).optLimit(40).build();
        Map<String, Double> scores = new SplitScorer(scenes).score(ds, manager, new PerfectDenseModel(test));
        assertThat(scores.get("segmentation.mIoU")).isEqualTo(100.0);
        assertThat(scores.get("segmentation.pixAcc")).isEqualTo(100.0);
        assertThat(scores.get("depth.absErr")).isZero();
        assertThat(scores.get("depth.relErr")).isZero();
        assertThat(scores.get("normal.mean")).isCloseTo(0.0, within(1e-3));
        assertThat(scores.get("normal.within11")).isEqualTo(100.0);
    }

    /** Answers each batch with its own ground truth, read in order from the split (no shuffling). */
    private static final class PerfectDenseModel implements UnaryOperator<NDList> {

        private static final int S = 64;
        private final BenchmarkDataset split;
        private int next;

        PerfectDenseModel(BenchmarkDataset split) {
            this.split = split;
        }

        @Override
        public NDList apply(NDList input) {
            NDManager m = input.getManager();
            int n = (int) input.head().getShape().get(0);
            float[] logits = new float[n * 11 * S * S];
            float[] depth = new float[n * S * S];
            float[] normals = new float[n * 3 * S * S];
            for (int i = 0; i < n; i++) {
                List<float[]> t = split.get(next++).targets();
                for (int p = 0; p < S * S; p++) {
                    logits[(i * 11 + (int) t.get(0)[p]) * S * S + p] = 1f;
                }
                System.arraycopy(t.get(1), 0, depth, i * S * S, S * S);
                System.arraycopy(t.get(2), 0, normals, i * 3 * S * S, 3 * S * S);
            }
            return new NDList(m.create(logits, new Shape(n, 11, S, S)), m.create(depth, new Shape(n, 1, S, S)),
                    m.create(normals, new Shape(n, 3, S, S)));
        }
    }

    @Test
    void shouldShuffleReproduciblyWithASeed() throws Exception {
        DjlBenchmarkDataset ds = DjlBenchmarkDataset.builder(multifashion, multifashionTest)
                .setSampling(new BatchSampler(new SeededRandomSampler(3), 10, false)).optLimit(50).build();
        List<Long> firstEpoch = fingerprintsOfEpoch(ds);
        DjlBenchmarkDataset again = DjlBenchmarkDataset.builder(multifashion, multifashionTest)
                .setSampling(new BatchSampler(new SeededRandomSampler(3), 10, false)).optLimit(50).build();
        assertThat(fingerprintsOfEpoch(again)).isEqualTo(firstEpoch);
        assertThat(fingerprintsOfEpoch(ds)).as("the next epoch has another order").isNotEqualTo(firstEpoch);
    }

    /** One value per sample in epoch order that tells samples apart: the sum of its pixel values. */
    private static List<Long> fingerprintsOfEpoch(DjlBenchmarkDataset ds) throws Exception {
        List<Long> out = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            for (Batch b : ds.getData(scope)) {
                try (b) {
                    NDArray x = b.getData().head();
                    for (long i = 0; i < x.getShape().get(0); i++) {
                        out.add((long) Math.round(x.get(i).sum().getFloat() * 255));
                    }
                }
            }
        }
        return out;
    }
}
