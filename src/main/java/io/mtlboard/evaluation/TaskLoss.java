package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.List;

/**
 * The loss of one task, in DJL operations, by task kind: cross-entropy for classification (mean
 * over samples) and segmentation (mean over pixels whose label is not the ignore label), L1 for
 * depth and 1 − cosine similarity for surface normals (means over valid pixels: depth > 0, non-zero
 * ground-truth normal, as METRICS.md §1 counts them). Shared by the reference trainer and by the
 * worker's feature-disentanglement measurement (METRICS.md §4), so both differentiate the same
 * losses.
 */
public final class TaskLoss {

    private TaskLoss() {}

    /**
     * The scalar loss of {@code output} against {@code target}.
     *
     * @param target class indices (int64, N), label maps (int64, N × H × W), depth (N × 1 × H × W)
     *     or normals (N × 3 × H × W), as {@link #target} builds them
     */
    public static NDArray of(BenchmarkManifest.TaskSpec task, NDArray output, NDArray target) {
        return switch (task.kind()) {
            case "classification" ->
                    output.logSoftmax(1).gather(target.reshape(-1, 1), 1).mean().neg();
            case "segmentation" -> segmentation(output, target);
            case "depth" -> depth(output, target);
            case "normals" -> normals(output, target);
            default ->
                    throw new IllegalArgumentException(
                            "no loss for task kind '" + task.kind() + "'");
        };
    }

    /**
     * The batch target of a task in the format {@link #of} expects, from the samples' raw targets
     * ({@link io.mtlboard.benchmark.data.Sample#targets()} of this task, one array per sample):
     * class indices and label maps as int64 (the ignore label kept), depth and normals as float32.
     */
    public static NDArray target(
            NDManager manager, BenchmarkManifest.TaskSpec task, List<float[]> perSample) {
        int n = perSample.size();
        int length = perSample.get(0).length;
        List<Integer> out = task.output().shape();
        if (task.kind().equals("classification") || task.kind().equals("segmentation")) {
            long[] y = new long[n * length];
            for (int i = 0; i < n; i++) {
                float[] t = perSample.get(i);
                for (int k = 0; k < length; k++) {
                    y[i * length + k] = (long) t[k];
                }
            }
            return manager.create(
                    y, length == 1 ? new Shape(n) : new Shape(n, out.get(1), out.get(2)));
        }
        float[] y = new float[n * length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(perSample.get(i), 0, y, i * length, length);
        }
        return manager.create(y, new Shape(n, out.get(0), out.get(1), out.get(2)));
    }

    private static NDArray segmentation(NDArray logits, NDArray labels) {
        NDArray valid = labels.gte(0).toType(DataType.FLOAT32, false);
        NDArray index = labels.maximum(0).expandDims(1);
        NDArray nll = logits.logSoftmax(1).gather(index, 1).squeeze(1).neg();
        return nll.mul(valid).sum().div(valid.sum().maximum(1));
    }

    private static NDArray depth(NDArray predicted, NDArray depth) {
        NDArray valid = depth.gt(0).toType(DataType.FLOAT32, false);
        return predicted.sub(depth).abs().mul(valid).sum().div(valid.sum().maximum(1));
    }

    private static NDArray normals(NDArray predicted, NDArray normals) {
        NDArray valid = normals.abs().sum(new int[] {1}).gt(0).toType(DataType.FLOAT32, false);
        NDArray unit = predicted.div(predicted.norm(new int[] {1}, true).add(1e-6f));
        NDArray cosine = unit.mul(normals).sum(new int[] {1});
        return cosine.neg().add(1).mul(valid).sum().div(valid.sum().maximum(1));
    }
}
