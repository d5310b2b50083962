package io.mtlboard.benchmark.metric;

import java.util.Map;

/**
 * A streaming scorer of one task over a test split (METRICS.md §1): batches of model outputs and
 * targets go in, the task's metrics over the whole split come out. Memory stays bounded whatever
 * the split size, and the result does not depend on how the split was cut into batches or on
 * their order.
 */
public interface TaskScorer {

    /**
     * Adds one batch.
     *
     * @param output the model's output for the batch, row-major ({@code N × outputShape})
     * @param target the batch's targets for this task, row-major: class indices ({@code N}),
     *     label maps ({@code N × H × W}), depth ({@code N × 1 × H × W}) or normals ({@code N × 3 × H × W})
     */
    void add(float[] output, float[] target);

    /** The metrics by name, as the benchmark manifests name them (e.g. {@code mIoU}, {@code absErr}). */
    Map<String, Double> values();

    /**
     * The scorer for a task kind.
     *
     * @param kind {@code classification}, {@code segmentation}, {@code depth} or {@code normals}
     * @param classes number of classes (classification, segmentation); ignored otherwise
     * @param ignoreLabel label of pixels that segmentation skips
     * @param height height of dense outputs; ignored for classification
     * @param width width of dense outputs; ignored for classification
     */
    static TaskScorer forKind(String kind, int classes, int ignoreLabel, int height, int width) {
        return switch (kind) {
            case "classification" -> new ClassificationAccuracy(classes);
            case "segmentation" -> new SegmentationScores(classes, ignoreLabel, height, width);
            case "depth" -> new DepthErrors();
            case "normals" -> new NormalErrors(height, width);
            default -> throw new IllegalArgumentException("no scorer for task kind '" + kind + "'");
        };
    }
}
