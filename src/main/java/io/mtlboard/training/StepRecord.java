package io.mtlboard.training;

/**
 * What one training step observed, for the epoch log.
 *
 * @param losses the task losses before the update, in head order
 * @param weights the task (head) weights the method chose
 * @param taskGradients per task, the gradient of the shared parameters; null on steps that did not log
 * @param halfGradients per task, the shared-parameter gradients of the first and the second half
 *     of the batch (their sum is the task's gradient); null on steps that did not log
 * @param featureGradients per task, the gradient of the shared representation of the batch,
 *     flattened; null on steps that did not log
 * @param sampleGradients [task][sample] per-sample gradients of the shared parameters for the
 *     samples drawn on this step ({@link SampleGradients}); null on steps that did not log
 * @param sampleFeatureGradients [task][sample] per-sample gradients of each sample's own shared
 *     representation; null on steps that did not log
 */
record StepRecord(
        double[] losses,
        double[] weights,
        double[][] taskGradients,
        double[][][] halfGradients,
        double[][] featureGradients,
        double[][][] sampleGradients,
        double[][][] sampleFeatureGradients) {

    /** A record without per-sample gradients. */
    StepRecord(
            double[] losses,
            double[] weights,
            double[][] taskGradients,
            double[][][] halfGradients,
            double[][] featureGradients) {
        this(losses, weights, taskGradients, halfGradients, featureGradients, null, null);
    }

    /** Whether this step carries gradients to log. */
    boolean logged() {
        return halfGradients != null;
    }
}
