package io.mtlboard.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Trained networks seen as one model with the submission contract: an input batch in, one output
 * per task out, in the benchmark's task order. A multi-task run has one network with all heads; a
 * single-task baseline has one network per task, each contributing its own head's output. Built
 * from initialized networks; it never initializes them again.
 */
public final class OutputsBlock extends AbstractBlock {

    private final List<MultiTaskNet> nets;
    private final int tasks;

    /** @param nets trained networks whose heads together cover every task exactly once */
    public OutputsBlock(List<MultiTaskNet> nets) {
        this.nets = List.copyOf(nets);
        this.tasks = nets.stream().mapToInt(n -> n.heads().size()).sum();
        boolean[] seen = new boolean[tasks];
        int i = 0;
        for (MultiTaskNet net : nets) {
            addChildBlock("encoder" + i, net.encoder());
            for (int h = 0; h < net.heads().size(); h++) {
                int task = net.tasks().get(h);
                if (task < 0 || task >= tasks || seen[task]) {
                    throw new IllegalArgumentException(
                            "task " + task + " is missing or produced twice");
                }
                seen[task] = true;
                addChildBlock("head" + i + "_" + task, net.heads().get(h));
            }
            i++;
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray[] outputs = new NDArray[tasks];
        for (MultiTaskNet net : nets) {
            NDList z = net.encoder().forward(store, inputs, training, params);
            for (int h = 0; h < net.heads().size(); h++) {
                outputs[net.tasks().get(h)] =
                        net.heads().get(h).forward(store, z, training, params).singletonOrThrow();
            }
        }
        return new NDList(outputs);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = new Shape[tasks];
        for (MultiTaskNet net : nets) {
            Shape[] z = net.encoder().getOutputShapes(inputShapes);
            for (int h = 0; h < net.heads().size(); h++) {
                shapes[net.tasks().get(h)] = net.heads().get(h).getOutputShapes(z)[0];
            }
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        throw new UnsupportedOperationException(
                "an OutputsBlock is built from initialized networks");
    }

    /** The networks, in construction order. */
    public List<MultiTaskNet> nets() {
        return new ArrayList<>(nets);
    }
}
