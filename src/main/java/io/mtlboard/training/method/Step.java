package io.mtlboard.training.method;

/**
 * What a method returns for one training step. Either {@link Weights}: the trainer backpropagates
 * Σ_i w_i L_i through the whole model. Or {@link Direction}: the trainer backpropagates
 * Σ_i w_i L_i into the task heads only and uses {@code direction} as the gradient of the shared
 * part: at the parameter level it overwrites the shared parameters' gradients (same flattening
 * order as the rows of {@link StepInput#gradients()}), at the feature level it calls
 * {@code z.backward(direction)} on the shared representation z. Arrays are fresh per step.
 */
public sealed interface Step {

    /** Loss weights (for {@link Weights}) or the head weights (for {@link Direction}), length T. */
    double[] weights();

    /** Loss weights: the model minimizes Σ_i w_i L_i. */
    record Weights(double[] weights) implements Step {}

    /** A shared direction d (length D) and the weights of the head losses (length T). */
    record Direction(double[] direction, double[] weights) implements Step {}
}
