package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.data.Sample;
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
    static TrainingSet load(BenchmarkManifest manifest, BenchmarkDataset data, int from, int count) {
        if (from < 0 || count < 1 || from + count > data.size()) {
            throw new IllegalArgumentException("samples [" + from + ", " + (from + count) + ") of a split of "
                    + data.size());
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
        return manager.create(x, new Shape(indices.length, spec.channels(), spec.height(), spec.width()));
    }

    /** The targets of the given samples for benchmark task {@code task}. */
    NDArray target(NDManager manager, int[] indices, int task) {
        BenchmarkManifest.TaskSpec spec = manifest.tasks().get(task);
        int length = targets[0][task].length;
        List<Integer> out = spec.output().shape();
        boolean labels = spec.kind().equals("classification") || spec.kind().equals("segmentation");
        if (labels) {
            long[] y = new long[indices.length * length];
            for (int i = 0; i < indices.length; i++) {
                float[] t = targets[indices[i]][task];
                for (int k = 0; k < length; k++) {
                    y[i * length + k] = (long) t[k];
                }
            }
            Shape shape = length == 1 ? new Shape(indices.length) : new Shape(indices.length, out.get(1), out.get(2));
            return manager.create(y, shape);
        }
        float[] y = new float[indices.length * length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(targets[indices[i]][task], 0, y, i * length, length);
        }
        return manager.create(y, new Shape(indices.length, out.get(0), out.get(1), out.get(2)));
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
