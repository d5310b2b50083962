package io.mtlboard.training;

import java.util.Arrays;

/**
 * How a gradient method's α is taken from feature-level gradients ∂L_i/∂z, z of shape
 * batch × features. {@link #FLAT}: the method sees the whole flattened ∂L_i/∂z (batch × features
 * numbers per task), as MGDA-UB's bound is stated; its direction is backpropagated as it is.
 * {@link #BATCH_SUM}: the method sees ∂L_i/∂z summed over the batch (features numbers per task),
 * as LibMTL's {@code rep_grad} does; its step is expressed as coefficients c of the summed task
 * gradients (the loss weights, or the least-squares coefficients of its direction) and
 * z.backward(Σ c_i ∂L_i/∂z) applies them to the per-sample gradients. A direction outside the
 * span of the summed gradients (GradDrop's masks, the EMAs of DB-MTL and MoCo) has no such
 * coefficients, so those methods run only {@code flat}. Every run records which one it used.
 */
public enum FeatureGradients {
    FLAT("flat"),
    BATCH_SUM("batch-sum");

    private final String id;

    FeatureGradients(String id) {
        this.id = id;
    }

    /** The id in protocols, bundles and on the command line. */
    public String id() {
        return id;
    }

    /** The variant with id {@code id}. */
    public static FeatureGradients parse(String id) {
        return Arrays.stream(values())
                .filter(v -> v.id.equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown feature-gradient variant '"
                                                + id
                                                + "'; known: flat, batch-sum"));
    }
}
