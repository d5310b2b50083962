package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Moving gradients between libtorch and the MTL methods: backward passes with an explicit upstream
 * gradient, copies of accumulated gradients (libtorch accumulates them and the gradient array is
 * aliased, so every read copies and then zeroes), and flattening of a parameter list's gradients
 * into one vector in list order and back.
 */
final class Gradients {

    private Gradients() {}

    /** Backpropagates {@code upstream} (the gradient of some scalar with respect to {@code output}). */
    static void backward(NDArray output, NDArray upstream, boolean keepGraph) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) upstream, keepGraph, false);
    }

    /** A copy of {@code array}'s gradient, attached to {@code manager}; the gradient is zeroed. */
    static NDArray take(NDArray array, NDManager manager) {
        NDArray copy;
        try (NDArray alias = array.getGradient()) {
            copy = alias.duplicate();
        }
        copy.attach(manager);
        JniUtils.zeroGrad((PtNDArray) array);
        return copy;
    }

    /** Copies of the parameters' gradients, attached to {@code manager}; the gradients are zeroed. */
    static NDList take(List<Parameter> parameters, NDManager manager) {
        NDList list = new NDList(parameters.size());
        for (Parameter p : parameters) {
            list.add(take(p.getArray(), manager));
        }
        return list;
    }

    /** The parameters' gradients flattened into one vector in list order; the gradients are zeroed. */
    static double[] takeFlat(List<Parameter> parameters) {
        double[] flat = new double[(int) dimension(parameters)];
        int offset = 0;
        for (Parameter p : parameters) {
            try (NDArray alias = p.getArray().getGradient()) {
                float[] values = alias.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    flat[offset + i] = values[i];
                }
                offset += values.length;
            }
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
        return flat;
    }

    /** One array per parameter, shaped like it, from a vector flattened by {@link #takeFlat}. */
    static NDList unflatten(double[] flat, List<Parameter> parameters, NDManager manager) {
        if (flat.length != dimension(parameters)) {
            throw new IllegalArgumentException(
                    flat.length + " values for parameters of " + dimension(parameters));
        }
        NDList list = new NDList(parameters.size());
        int offset = 0;
        for (Parameter p : parameters) {
            int n = (int) p.getArray().getShape().size();
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) flat[offset + i];
            }
            list.add(manager.create(values, p.getArray().getShape()));
            offset += n;
        }
        return list;
    }

    /** Total number of values of the parameters. */
    static long dimension(List<Parameter> parameters) {
        return parameters.stream().mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    /** The values of {@code array} as doubles, row-major. */
    static double[] toDoubles(NDArray array) {
        float[] values = array.toFloatArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
