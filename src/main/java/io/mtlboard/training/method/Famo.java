package io.mtlboard.training.method;

/**
 * FAMO (METHODS.md; Liu et al., NeurIPS 2023): logits ξ (start 0), z = softmax(ξ);
 * the model minimizes Σ_i c z_i log L_i, i.e. weights w_i = c z_i / L_i with
 * c = (Σ_j z_j / L_j)^{-1}. After the model step, with δ_i = log L_i(before) − log L_i(after) on
 * the same batch, ξ takes an Adam step (lr 0.025, weight decay 1e-3) along −J_softmax(ξ)ᵀ δ, which
 * equalizes the rate at which the log-losses fall. As in the authors' code, 1e-8 is added to every
 * loss before its logarithm.
 */
final class Famo extends BaseMethod {

    private static final double EPSILON = 1e-8;
    private final double[] xi;
    private final ParameterOptimizer optimizer;
    private double[] before;

    Famo(int tasks, ParameterOptimizer optimizer) {
        super("famo", tasks, Level.NONE);
        this.xi = new double[tasks];
        this.optimizer = optimizer;
    }

    @Override
    public boolean needsLossesAfterStep() {
        return true;
    }

    @Override
    Step step(StepInput input) {
        double[] losses = input.losses();
        requireNonNegative(losses);
        double[] z = Linear.softmax(xi);
        double[] weights = new double[tasks];
        double inverseC = 0;
        for (int i = 0; i < tasks; i++) {
            weights[i] = z[i] / (losses[i] + EPSILON);
            inverseC += weights[i];
        }
        for (int i = 0; i < tasks; i++) {
            weights[i] /= inverseC;
        }
        before = losses.clone();
        return new Step.Weights(weights);
    }

    @Override
    public void afterStep(double[] newLosses) {
        requireTasks(newLosses);
        requireNonNegative(newLosses);
        if (before == null) {
            throw new IllegalStateException("afterStep before combine");
        }
        double[] z = Linear.softmax(xi);
        double[] delta = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            delta[i] = Math.log(before[i] + EPSILON) - Math.log(newLosses[i] + EPSILON);
        }
        // the softmax Jacobian diag(z) − z zᵀ is symmetric, so Jᵀδ = z ⊙ δ − z (zᵀδ)
        double zDelta = Linear.dot(z, delta);
        double[] gradient = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            gradient[i] = z[i] * (delta[i] - zDelta);
        }
        optimizer.step(xi, gradient);
        before = null;
    }

    /** The current logits ξ. */
    double[] logits() {
        return xi.clone();
    }

    private static void requireNonNegative(double[] losses) {
        for (double loss : losses) {
            if (loss < 0) {
                throw new IllegalArgumentException("FAMO needs non-negative losses, got " + loss);
            }
        }
    }
}
