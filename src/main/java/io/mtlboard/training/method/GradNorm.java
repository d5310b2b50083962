package io.mtlboard.training.method;

/**
 * GradNorm (METHODS.md; Chen et al., ICML 2018): learnable weights w_i (start 1, kept
 * summing to T). With n_i = ‖g_i‖ the norm of L_i's gradient on the given shared parameters
 * (typically the last shared layer), G_i = w_i n_i, mean Ḡ, and the relative training rate
 * r_i = (L_i / L_i(0)) / mean_j (L_j / L_j(0)), the weights take one optimizer step on
 * Σ_i |G_i − Ḡ r_i^α| (α = 1.5) with the target Ḡ r_i^α held constant, whose gradient is
 * sign(G_i − Ḡ r_i^α) n_i; then they are kept positive and renormalized. L_i(0) are the losses of
 * the first step. The model minimizes Σ_i w_i L_i with the weights from before the update.
 */
final class GradNorm extends BaseMethod {

    private static final double MIN_WEIGHT = 1e-6;
    private final double alpha;
    private final ParameterOptimizer optimizer;
    private final double[] w;
    private double[] initialLosses;

    GradNorm(int tasks, double alpha, ParameterOptimizer optimizer) {
        super("gradnorm", tasks, Level.PARAMETER);
        this.alpha = alpha;
        this.optimizer = optimizer;
        this.w = Linear.filled(tasks, 1);
    }

    @Override
    Step step(StepInput input) {
        double[] losses = input.losses();
        requirePositive(losses);
        if (initialLosses == null) {
            initialLosses = losses.clone();
        }
        double[] weights = w.clone();
        optimizer.step(w, gradient(losses, input.gradients()));
        double total = 0;
        for (int i = 0; i < tasks; i++) {
            w[i] = Math.max(w[i], MIN_WEIGHT);
            total += w[i];
        }
        for (int i = 0; i < tasks; i++) {
            w[i] *= tasks / total;
        }
        return new Step.Weights(weights);
    }

    /** ∂/∂w_i of Σ_j |w_j n_j − Ḡ r_j^α| with the target held constant. */
    private double[] gradient(double[] losses, double[][] g) {
        double[] norms = new double[tasks];
        double[] rates = new double[tasks];
        double meanG = 0;
        double meanRate = 0;
        for (int i = 0; i < tasks; i++) {
            norms[i] = Linear.norm(g[i]);
            rates[i] = losses[i] / initialLosses[i];
            meanG += w[i] * norms[i] / tasks;
            meanRate += rates[i] / tasks;
        }
        double[] gradient = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            double target = meanG * Math.pow(rates[i] / meanRate, alpha);
            gradient[i] = Math.signum(w[i] * norms[i] - target) * norms[i];
        }
        return gradient;
    }

    /** The current learnable weights w. */
    double[] weights() {
        return w.clone();
    }
}
