package io.mtlboard.training.net;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A hard-parameter-sharing network: a shared encoder producing the representation z and one head
 * per task reading z. The trainer runs the two parts separately, so that per-task gradients can
 * be taken with respect to z (feature level) or to the encoder's parameters (parameter level).
 *
 * @param encoder the shared part, input batch → z
 * @param heads one block per task, z → that task's output, in task order
 * @param tasks the benchmark task index of each head
 */
public record MultiTaskNet(Block encoder, List<Block> heads, List<Integer> tasks) {

    public MultiTaskNet {
        heads = List.copyOf(heads);
        tasks = List.copyOf(tasks);
        if (heads.isEmpty() || heads.size() != tasks.size()) {
            throw new IllegalArgumentException(heads.size() + " heads for tasks " + tasks);
        }
    }

    /** Initializes every parameter for input batches of {@code inputShape} (N × C × H × W). */
    public void initialize(NDManager manager, Shape inputShape) {
        encoder.initialize(manager, DataType.FLOAT32, inputShape);
        Shape z = encoder.getOutputShapes(new Shape[] {inputShape})[0];
        for (Block head : heads) {
            head.initialize(manager, DataType.FLOAT32, z);
        }
    }

    /** The shared parameters that are trained, in a fixed order (the flattening order of gradients). */
    public List<Parameter> sharedParameters() {
        return trainable(encoder);
    }

    /** The trained parameters of head {@code i}. */
    public List<Parameter> headParameters(int i) {
        return trainable(heads.get(i));
    }

    /**
     * Every array of the network — trained parameters and batch normalization's running
     * statistics — encoder first, then each head: what a checkpoint must hold to give the network
     * back as it was.
     */
    public List<Parameter> allParameters() {
        List<Parameter> all = new ArrayList<>(encoder.getParameters().values());
        for (Block head : heads) {
            all.addAll(head.getParameters().values());
        }
        return all;
    }

    /** Number of values in all parameters, running statistics included. */
    public long parameterCount() {
        long n = countOf(encoder);
        for (Block head : heads) {
            n += countOf(head);
        }
        return n;
    }

    private static List<Parameter> trainable(Block block) {
        List<Parameter> list = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                list.add(p);
            }
        }
        return list;
    }

    private static long countOf(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }
}
