package io.mtlboard.training;

/**
 * How reference runs are trained (the same for every run of a sweep, except the learning rate,
 * which a protocol chooses per optimizer and method).
 *
 * @param epochs passes over the training samples
 * @param batchSize samples per step
 * @param lr learning rate
 * @param trainSplit the benchmark split to train on (role {@code train})
 * @param trainSamples how many samples of it to train on, from its start
 * @param validationSamples how many samples at its end to hold out for per-epoch validation
 * @param logEvery every how many steps to log the gradient indicators and FD
 * @param bestValidation whether each network keeps the parameters of its best validation epoch
 *        (otherwise those of the last)
 * @param convergenceThreshold the largest change, in metric points, of every task's validation
 *        metric over the last two epochs for which a run counts as converged
 * @param featureGradients how feature-level methods take α from ∂L/∂z
 * @param sgdMomentum momentum of SGD
 * @param lossScales a factor per task (benchmark order) multiplying its loss, or null for none
 * @param frozenEncoder whether the shared encoder stays at its initialization (only heads learn)
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        double lr,
        String trainSplit,
        int trainSamples,
        int validationSamples,
        int logEvery,
        boolean bestValidation,
        double convergenceThreshold,
        FeatureGradients featureGradients,
        double sgdMomentum,
        double[] lossScales,
        boolean frozenEncoder,
        LrSchedule lrSchedule) {

    /** Settings without loss scales, with a trained encoder and a constant learning rate. */
    public TrainingSettings(
            int epochs,
            int batchSize,
            double lr,
            String trainSplit,
            int trainSamples,
            int validationSamples,
            int logEvery,
            boolean bestValidation,
            double convergenceThreshold,
            FeatureGradients featureGradients,
            double sgdMomentum) {
        this(
                epochs,
                batchSize,
                lr,
                trainSplit,
                trainSamples,
                validationSamples,
                logEvery,
                bestValidation,
                convergenceThreshold,
                featureGradients,
                sgdMomentum,
                null,
                false,
                LrSchedule.CONSTANT);
    }

    public TrainingSettings {
        if (lrSchedule == null) {
            throw new IllegalArgumentException("need an lr schedule");
        }
        if (epochs < 1
                || batchSize < 2
                || trainSamples < batchSize
                || validationSamples < 1
                || logEvery < 1) {
            throw new IllegalArgumentException(
                    "need epochs ≥ 1, batch size ≥ 2, at least one batch of training "
                            + "samples, validation samples ≥ 1 and logEvery ≥ 1");
        }
        if (!(convergenceThreshold > 0)
                || !(sgdMomentum >= 0 && sgdMomentum < 1)
                || featureGradients == null) {
            throw new IllegalArgumentException(
                    "need a positive convergence threshold, momentum in [0, 1) and a "
                            + "feature-gradient variant");
        }
        if (lossScales != null) {
            lossScales = lossScales.clone();
            for (double scale : lossScales) {
                if (!(scale > 0) || !Double.isFinite(scale)) {
                    throw new IllegalArgumentException("loss scales must be positive and finite");
                }
            }
        }
    }

    /** Settings that keep the last epoch, flat feature gradients and SGD momentum 0.9. */
    public TrainingSettings(
            int epochs,
            int batchSize,
            double lr,
            String trainSplit,
            int trainSamples,
            int validationSamples,
            int logEvery) {
        this(
                epochs,
                batchSize,
                lr,
                trainSplit,
                trainSamples,
                validationSamples,
                logEvery,
                false,
                0.3,
                FeatureGradients.FLAT,
                ModelOptimizer.SGD_MOMENTUM);
    }

    /** The same settings with learning rate {@code rate}. */
    public TrainingSettings withLr(double rate) {
        return copy(rate, lossScales, frozenEncoder, lrSchedule);
    }

    /** The same settings with the loss-scale study's factors and encoder mode. */
    public TrainingSettings withLossScales(double[] scales, boolean frozen) {
        return copy(lr, scales, frozen, lrSchedule);
    }

    /** The same settings with learning-rate schedule {@code schedule}. */
    public TrainingSettings withLrSchedule(LrSchedule schedule) {
        return copy(lr, lossScales, frozenEncoder, schedule);
    }

    private TrainingSettings copy(
            double rate, double[] scales, boolean frozen, LrSchedule schedule) {
        return new TrainingSettings(
                epochs,
                batchSize,
                rate,
                trainSplit,
                trainSamples,
                validationSamples,
                logEvery,
                bestValidation,
                convergenceThreshold,
                featureGradients,
                sgdMomentum,
                scales,
                frozen,
                schedule);
    }

    /** Steps per epoch (the last partial batch is dropped). */
    public int stepsPerEpoch() {
        return trainSamples / batchSize;
    }
}
