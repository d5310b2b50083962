package io.mtlboard.training.method;

/**
 * One multi-task optimization method of METHODS.md, used once per training step: given the task
 * losses (and, for gradient methods, the per-task gradients of the shared part) it returns either
 * loss weights or a combined direction for the shared part. Method state (EMAs, learnable
 * weights, epoch history, the random source) lives in the object, so one instance serves exactly
 * one training run and is not thread-safe.
 *
 * <p>Per step the trainer calls {@link #combine}; if {@link #needsLossesAfterStep()} it then
 * re-evaluates the same batch after the model update and calls {@link #afterStep}; at the end of
 * each epoch it calls {@link #endEpoch} with the epoch-mean task losses.
 */
public interface MtlMethod {

    /** The method id, as in {@code benchmarks-data/methods.json}. */
    String id();

    /** Whether {@link StepInput#gradients()} must be given. */
    boolean needsGradients();

    /**
     * Whether the gradients may be taken at the parameter level (of the shared parameters): true
     * for every gradient method.
     */
    boolean supportsParameterLevel();

    /**
     * Whether the gradients may be taken at the feature level (of the shared representation): true
     * for every gradient method, whether or not it has a feature-level guarantee.
     */
    boolean supportsFeatureLevel();

    /** Whether the trainer must call {@link #afterStep} with the losses after the model update. */
    default boolean needsLossesAfterStep() {
        return false;
    }

    /**
     * Computes this step's loss weights or shared direction, and updates the method's own state
     * (including its learnable parameters, if any) as one joint optimizer step would.
     */
    Step combine(StepInput input);

    /** The task losses on the same batch after the model update; ignored by most methods. */
    default void afterStep(double[] newLosses) {}

    /** The epoch-mean task losses at the end of an epoch; ignored by most methods. */
    default void endEpoch(double[] meanLosses) {}
}
