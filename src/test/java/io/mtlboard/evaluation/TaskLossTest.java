package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each task kind's loss on tiny tensors, against values computed by hand. */
class TaskLossTest {

    private static final BenchmarkManifest MULTIFASHION =
            read("benchmarks-data/multifashion/benchmark.json");
    private static final BenchmarkManifest SCENES =
            read("benchmarks-data/fashionscenes/benchmark.json");
    private final NDManager m = Engine.getEngine("PyTorch").newBaseManager();

    @AfterEach
    void close() {
        m.close();
    }

    private static BenchmarkManifest read(String path) {
        try {
            return BenchmarkManifestReader.read(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BenchmarkManifest.TaskSpec task(BenchmarkManifest b, String kind) {
        return b.tasks().stream().filter(t -> t.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void shouldAverageCrossEntropyOverSamplesWhenClassifying() {
        // logits (0, ln 3) → p = (1/4, 3/4); labels 1 and 0: (−ln 3/4 − ln 1/4) / 2
        var logits =
                m.create(
                        new float[] {0, (float) Math.log(3), 0, (float) Math.log(3)},
                        new Shape(2, 2));
        var labels = m.create(new long[] {1, 0});
        double loss = TaskLoss.of(task(MULTIFASHION, "classification"), logits, labels).getFloat();
        assertThat(loss).isCloseTo((-Math.log(0.75) - Math.log(0.25)) / 2, within(1e-6));
    }

    @Test
    void shouldSkipIgnoredPixelsWhenSegmenting() {
        // one sample, 2 classes, 1 × 3 pixels with logits (0, ln 3): labels 1, 0 and ignored
        float l3 = (float) Math.log(3);
        var logits = m.create(new float[] {0, 0, 0, l3, l3, l3}, new Shape(1, 2, 1, 3));
        var labels = m.create(new long[] {1, 0, -1}, new Shape(1, 1, 3));
        double loss = TaskLoss.of(task(SCENES, "segmentation"), logits, labels).getFloat();
        assertThat(loss).isCloseTo((-Math.log(0.75) - Math.log(0.25)) / 2, within(1e-6));
    }

    @Test
    void shouldAverageAbsoluteErrorOverValidPixelsWhenEstimatingDepth() {
        var predicted = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        var depth = m.create(new float[] {1.5f, 0, 2, 4}, new Shape(1, 1, 2, 2));
        double loss = TaskLoss.of(task(SCENES, "depth"), predicted, depth).getFloat();
        assertThat(loss).isCloseTo((0.5 + 1 + 0) / 3, within(1e-6));
    }

    @Test
    void shouldAverageOneMinusCosineOverValidPixelsWhenPredictingNormals() {
        // pixel 1: prediction (2, 0, 0) vs (1, 0, 0) → 0; pixel 2: (0, 1, 0) vs (0, 0, 1) → 1;
        // pixel 3: zero ground truth, skipped
        var predicted = m.create(new float[] {2, 0, 5, 0, 1, 5, 0, 0, 5}, new Shape(1, 3, 1, 3));
        var normals = m.create(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 0}, new Shape(1, 3, 1, 3));
        double loss = TaskLoss.of(task(SCENES, "normals"), predicted, normals).getFloat();
        assertThat(loss).isCloseTo(0.5, within(1e-5));
    }

    @Test
    void shouldBuildTargetsInTheFormatsTheLossesTake() {
        var classes =
                TaskLoss.target(
                        m,
                        task(MULTIFASHION, "classification"),
                        List.of(new float[] {3}, new float[] {7}));
        assertThat(classes.getShape()).isEqualTo(new Shape(2));
        assertThat(classes.getDataType()).isEqualTo(DataType.INT64);
        assertThat(classes.toLongArray()).containsExactly(3, 7);

        float[] labels = new float[64 * 64];
        labels[5] = -1;
        labels[6] = 4;
        var map = TaskLoss.target(m, task(SCENES, "segmentation"), List.of(labels));
        assertThat(map.getShape()).isEqualTo(new Shape(1, 64, 64));
        assertThat(map.getDataType()).isEqualTo(DataType.INT64);
        assertThat(map.toLongArray()[5]).as("the ignore label is kept").isEqualTo(-1);
        assertThat(map.toLongArray()[6]).isEqualTo(4);

        var depth =
                TaskLoss.target(
                        m, task(SCENES, "depth"), List.of(new float[64 * 64], new float[64 * 64]));
        assertThat(depth.getShape()).isEqualTo(new Shape(2, 1, 64, 64));
        assertThat(depth.getDataType()).isEqualTo(DataType.FLOAT32);
    }
}
