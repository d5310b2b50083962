package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring core on the bundled benchmarks, with models written in the test, on the CPU. */
class SplitScorerTest {

    private static NDManager manager;
    private static BenchmarkManifest multifashion;
    private static BenchmarkDataset multifashionTest;

    @BeforeAll
    static void open() throws Exception {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        multifashion = BundledData.manifest("multifashion");
        multifashionTest = BundledData.shipped(multifashion, "test");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray zeroClass(NDArray input) {
        NDArray logits = input.getManager().zeros(new Shape(input.getShape().get(0), 10));
        logits.set(new NDIndex(":, 0"), 1f);
        return logits;
    }

    @Test
    void shouldScoreEverySampleIncludingTheLastPartialBatch() throws Exception {
        int n = 1050;
        // always predicts class 0 for both tasks: accuracy = share of class-0 labels among the
        // first n
        long zerosLeft = 0;
        long zerosRight = 0;
        for (int i = 0; i < n; i++) {
            zerosLeft += multifashionTest.get(i).targets().get(0)[0] == 0 ? 1 : 0;
            zerosRight += multifashionTest.get(i).targets().get(1)[0] == 0 ? 1 : 0;
        }
        List<Long> progress = new ArrayList<>();
        Map<String, Double> scores =
                new SplitScorer(multifashion)
                        .score(
                                input -> new NDList(zeroClass(input), zeroClass(input)),
                                manager,
                                multifashionTest.head(n),
                                (done, total) -> progress.add(done * 100_000 + total));
        assertThat(scores).containsOnlyKeys("left.accuracy", "right.accuracy");
        assertThat(scores.get("left.accuracy")).isCloseTo(100.0 * zerosLeft / n, within(1e-9));
        assertThat(scores.get("right.accuracy")).isCloseTo(100.0 * zerosRight / n, within(1e-9));
        assertThat(progress)
                .hasSize(11)
                .startsWith(100L * 100_000 + n)
                .endsWith((long) n * 100_000 + n);
    }

    @Test
    void shouldRejectNonFiniteOutputsAndAWrongNumberOfOutputs() {
        SplitScorer scorer = new SplitScorer(multifashion);
        BenchmarkDataset data = multifashionTest.head(10);
        assertThatThrownBy(
                        () ->
                                scorer.score(
                                        input ->
                                                new NDList(
                                                        zeroClass(input),
                                                        zeroClass(input).mul(Float.NaN)),
                                        manager,
                                        data,
                                        (done, total) -> {}))
                .isInstanceOf(ModelFault.class)
                .hasMessageContaining("task 'right'")
                .hasMessageContaining("NaN");
        assertThatThrownBy(
                        () ->
                                scorer.score(
                                        input -> new NDList(zeroClass(input)),
                                        manager,
                                        data,
                                        (done, total) -> {}))
                .isInstanceOf(ModelFault.class)
                .hasMessageContaining("returned 1 output(s)");
    }

    @Test
    void shouldScorePerfectDenseOutputsAsPerfect(@TempDir Path cache) throws Exception {
        BenchmarkManifest scenes = BundledData.manifest("fashionscenes");
        BenchmarkDataset test = BundledData.split(scenes, "test", cache).head(140);
        Map<String, Double> scores =
                new SplitScorer(scenes)
                        .score(new PerfectDenseModel(test), manager, test, (done, total) -> {});
        assertThat(scores.get("segmentation.mIoU")).isEqualTo(100.0);
        assertThat(scores.get("segmentation.pixAcc")).isEqualTo(100.0);
        assertThat(scores.get("depth.absErr")).isZero();
        assertThat(scores.get("depth.relErr")).isZero();
        assertThat(scores.get("normal.mean")).isCloseTo(0.0, within(1e-3));
        assertThat(scores.get("normal.within11")).isEqualTo(100.0);
    }

    /** Answers each batch with its own ground truth, read in order from the split. */
    private static final class PerfectDenseModel implements SplitScorer.BatchModel {

        private static final int S = 64;
        private final BenchmarkDataset split;
        private int next;

        PerfectDenseModel(BenchmarkDataset split) {
            this.split = split;
        }

        @Override
        public NDList run(NDArray input) {
            NDManager m = input.getManager();
            int n = (int) input.getShape().get(0);
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
            return new NDList(
                    m.create(logits, new Shape(n, 11, S, S)),
                    m.create(depth, new Shape(n, 1, S, S)),
                    m.create(normals, new Shape(n, 3, S, S)));
        }
    }
}
