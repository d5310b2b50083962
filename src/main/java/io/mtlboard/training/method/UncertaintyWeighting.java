package io.mtlboard.training.method;

/**
 * UW (METHODS.md; Kendall et al., CVPR 2018): learnable
 * s_i = log σ_i², objective Σ_i L_i / (2 e^{s_i}) + s_i / 2. The model gets the weights
 * w_i = 1 / (2 e^{s_i}); s takes one optimizer step along ∂/∂s_i = 1/2 − L_i / (2 e^{s_i}) per
 * training step, as if it were trained with the model.
 */
final class UncertaintyWeighting extends BaseMethod {

    private final double[] s;
    private final ParameterOptimizer optimizer;

    UncertaintyWeighting(int tasks, double initialS, ParameterOptimizer optimizer) {
        super("uw", tasks, Level.NONE);
        this.s = Linear.filled(tasks, initialS);
        this.optimizer = optimizer;
    }

    @Override
    Step step(StepInput input) {
        double[] weights = new double[tasks];
        double[] gradient = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            weights[i] = 0.5 * Math.exp(-s[i]);
            gradient[i] = 0.5 - input.losses()[i] * weights[i];
        }
        optimizer.step(s, gradient);
        return new Step.Weights(weights);
    }

    /** The current log-variances s_i. */
    double[] logVariances() {
        return s.clone();
    }
}
