package io.mtlboard.training.method;

import java.util.Arrays;

/**
 * DWA (METHODS.md; Liu et al., CVPR 2019): with r_i = L̄_i(t−1) / L̄_i(t−2) of the
 * epoch-mean losses, w_i = T · softmax(r / τ)_i (τ = 2); w = 1 until two epochs have ended.
 */
final class DynamicWeightAverage extends BaseMethod {

    private final double temperature;
    private double[] previous;
    private double[] last;

    DynamicWeightAverage(int tasks, double temperature) {
        super("dwa", tasks, Level.NONE);
        this.temperature = temperature;
    }

    @Override
    Step step(StepInput input) {
        if (previous == null) {
            return new Step.Weights(Linear.filled(tasks, 1));
        }
        double[] r = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            r[i] = last[i] / previous[i] / temperature;
        }
        return new Step.Weights(Arrays.stream(Linear.softmax(r)).map(z -> tasks * z).toArray());
    }

    @Override
    public void endEpoch(double[] meanLosses) {
        requireTasks(meanLosses);
        requirePositive(meanLosses);
        previous = last;
        last = meanLosses.clone();
    }
}
