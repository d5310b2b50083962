package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.mtlboard.benchmark.BenchmarkManifest;

/**
 * The training loss of one task, in DJL operations, by task kind: cross-entropy for
 * classification (mean over samples) and segmentation (mean over pixels whose label is not the
 * ignore label), L1 for depth and 1 − cosine similarity for surface normals (means over valid
 * pixels: depth > 0, non-zero ground-truth normal, as METRICS.md §1 counts them).
 */
final class TaskLoss {

    private TaskLoss() {
    }

    /**
     * The scalar loss of {@code output} against {@code target}.
     *
     * @param target class indices (int64, N), label maps (int64, N × H × W), depth (N × 1 × H × W)
     *     or normals (N × 3 × H × W), as {@link TrainingSet} builds them
     */
    static NDArray of(BenchmarkManifest.TaskSpec task, NDArray output, NDArray target) {
        return switch (task.kind()) {
            case "classification" -> output.logSoftmax(1).gather(target.reshape(-1, 1), 1).mean().neg();
            case "segmentation" -> segmentation(output, target);
            case "depth" -> depth(output, target);
            case "normals" -> normals(output, target);
            default -> throw new IllegalArgumentException("no loss for task kind '" + task.kind() + "'");
        };
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
