package io.mtlboard.training.net;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Task heads by task kind, reading the shared representation z: for classification an MLP on the
 * vector z (the MultiLeNet head: fc(50) → ReLU → fc(classes)); for dense tasks a 3×3 convolution,
 * ReLU and a 1×1 convolution to the task's channels on the feature map z. Heads contain no batch
 * normalization, so a sample's output depends on that sample's z only, which makes per-sample
 * gradient splits exact.
 */
public final class Heads {

    private static final int HIDDEN = 50;
    private static final int DENSE_HIDDEN = 16;

    private Heads() {}

    /** A fresh head for {@code task}. */
    public static Block forTask(BenchmarkManifest.TaskSpec task) {
        return switch (task.kind()) {
            case "classification" ->
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(HIDDEN).build())
                            .add(Activation.reluBlock())
                            .add(Linear.builder().setUnits(task.classes()).build());
            case "segmentation", "depth", "normals" ->
                    new SequentialBlock()
                            .add(Backbones.conv(DENSE_HIDDEN, 3, 1, 1))
                            .add(Activation.reluBlock())
                            .add(Backbones.conv(channels(task), 1, 1, 0));
            default ->
                    throw new IllegalArgumentException(
                            "no head for task kind '" + task.kind() + "'");
        };
    }

    /**
     * A network of {@code backbone} with one head per listed task.
     *
     * @param tasks indices into the manifest's tasks
     */
    public static MultiTaskNet network(
            String backbone, BenchmarkManifest manifest, List<Integer> tasks) {
        return network(backbone, 1, manifest, tasks);
    }

    /** As above, with the encoder's channel widths scaled by {@code width} ({@link Backbones#encoder(String, double)}). */
    public static MultiTaskNet network(
            String backbone, double width, BenchmarkManifest manifest, List<Integer> tasks) {
        List<Block> heads = new ArrayList<>();
        for (int t : tasks) {
            heads.add(forTask(manifest.tasks().get(t)));
        }
        return new MultiTaskNet(Backbones.encoder(backbone, width), heads, tasks);
    }

    private static int channels(BenchmarkManifest.TaskSpec task) {
        return task.output().shape().get(0);
    }
}
