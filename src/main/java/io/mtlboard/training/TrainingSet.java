package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.evaluation.TaskLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * Training samples held in memory, normalized as the benchmark manifest says, and cut into
 * batches: the input {@code N × C × H × W} and one target per task (class indices and label maps
 * as int64, depth and normals as float32). Unlike the evaluation's per-sample
 * {@code DjlBenchmarkDataset}, it reads the samples once, so that generated splits (rendered
 * scenes, composed images) are not generated again every epoch, and builds each batch as one
 * array.
 */
final class TrainingSet {

    private final BenchmarkManifest manifest;
    private final float[][] inputs;
    private final float[][][] targets;

    private TrainingSet(BenchmarkManifest manifest, float[][] inputs, float[][][] targets) {
        this.manifest = manifest;
        this.inputs = inputs;
        this.targets = targets;
    }

    /** Samples {@code [from, from + count)} of {@code data}. */
    static TrainingSet load(
            BenchmarkManifest manifest, BenchmarkDataset data, int from, int count) {
        if (from < 0 || count < 1 || from + count > data.size()) {
            throw new IllegalArgumentException(
                    "samples [" + from + ", " + (from + count) + ") of a split of " + data.size());
        }
        InputNormalization normalization = new InputNormalization(manifest.input());
        float[][] inputs = new float[count][];
        float[][][] targets = new float[count][][];
        for (int i = 0; i < count; i++) {
            Sample s = data.get(from + i);
            inputs[i] = normalization.apply(s.input());
            targets[i] = s.targets().toArray(float[][]::new);
        }
        return new TrainingSet(manifest, inputs, targets);
    }

    int size() {
        return inputs.length;
    }

    /** The input batch of the given samples. */
    NDArray input(NDManager manager, int[] indices) {
        BenchmarkManifest.InputSpec spec = manifest.input();
        int length = inputs[0].length;
        float[] x = new float[indices.length * length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(inputs[indices[i]], 0, x, i * length, length);
        }
        return manager.create(
                x, new Shape(indices.length, spec.channels(), spec.height(), spec.width()));
    }

    /** The targets of the given samples for benchmark task {@code task}, as {@link TaskLoss} takes them. */
    NDArray target(NDManager manager, int[] indices, int task) {
        List<float[]> perSample = new ArrayList<>(indices.length);
        for (int i : indices) {
            perSample.add(targets[i][task]);
        }
        return TaskLoss.target(manager, manifest.tasks().get(task), perSample);
    }

    /** The input and the targets of the listed benchmark tasks. */
    NDList batch(NDManager manager, int[] indices, List<Integer> tasks) {
        NDList list = new NDList(input(manager, indices));
        for (int t : tasks) {
            list.add(target(manager, indices, t));
        }
        return list;
    }
}
