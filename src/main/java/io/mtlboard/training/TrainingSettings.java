package io.mtlboard.training;

/**
 * How reference runs are trained (the same for every run of a sweep).
 *
 * @param epochs passes over the training samples
 * @param batchSize samples per step
 * @param lr learning rate of Adam and SGD
 * @param trainSplit the benchmark split to train on (role {@code train})
 * @param trainSamples how many samples of it to train on, from its start
 * @param validationSamples how many samples at its end to hold out for per-epoch validation
 * @param logEvery every how many steps to log the gradient indicators and FD
 */
public record TrainingSettings(int epochs, int batchSize, double lr, String trainSplit, int trainSamples,
        int validationSamples, int logEvery) {

    public TrainingSettings {
        if (epochs < 1 || batchSize < 2 || trainSamples < batchSize || validationSamples < 1 || logEvery < 1) {
            throw new IllegalArgumentException("need epochs ≥ 1, batch size ≥ 2, at least one batch of training "
                    + "samples, validation samples ≥ 1 and logEvery ≥ 1");
        }
    }

    /** Steps per epoch (the last partial batch is dropped). */
    public int stepsPerEpoch() {
        return trainSamples / batchSize;
    }
}
