package io.mtlboard.training.method;

/**
 * MoCo (METHODS.md; Fernando et al., ICLR 2023), as the authors' code computes it (shared by the
 * authors with LibMTL, {@code weighting/MoCo.py}): tracked gradients y_i ← y_i − β_t (y_i − ĝ_i)
 * with ĝ_i = L_i g_i / (‖g_i‖ + 10⁻⁸), weights λ ← softmax(λ − γ_t (Y Yᵀ + ρ I) λ) from uniform,
 * d = Yᵀ λ; β_t = β / t^{σ_β}, γ_t = γ / t^{σ_γ} at step t = 1, 2, … (β = 0.5, γ = 0.1, σ = 0.5,
 * ρ = 0). The paper writes the λ update as a Euclidean projection onto the simplex; the code
 * uses the softmax, and MTLBoard follows the code: with the loss-scaled tracking the projection
 * drifts λ towards the task with the lower loss (≈ 0.77 / 0.23 after 512 steps with losses 0.5
 * and 1.0 on orthogonal gradients), while the softmax of logits that stay within [0, 1] keeps λ
 * near uniform. Heads are unweighted. Runnable at both gradient levels; at the feature level Y
 * tracks the per-sample representation gradients of successive batches.
 */
final class MoCo extends BaseMethod {

    private final double beta;
    private final double betaDecay;
    private final double gamma;
    private final double gammaDecay;
    private final double rho;
    private double[][] y;
    private double[] lambda;
    private int t;

    MoCo(int tasks, double beta, double betaDecay, double gamma, double gammaDecay, double rho) {
        super("moco", tasks, Level.PARAMETER);
        this.beta = beta;
        this.betaDecay = betaDecay;
        this.gamma = gamma;
        this.gammaDecay = gammaDecay;
        this.rho = rho;
        this.lambda = Linear.filled(tasks, 1.0 / tasks);
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        if (y == null || y[0].length != g[0].length) {
            y = new double[tasks][g[0].length];
        }
        t++;
        double rate = beta / Math.pow(t, betaDecay);
        for (int i = 0; i < tasks; i++) {
            double norm = Linear.norm(g[i]);
            double scale = input.losses()[i] / (norm + 1e-8);
            for (int k = 0; k < g[i].length; k++) {
                y[i][k] -= rate * (y[i][k] - scale * g[i][k]);
            }
        }
        double[] pull = Linear.times(Linear.gram(y), lambda);
        Linear.addScaled(pull, rho, lambda);
        double[] next = lambda.clone();
        Linear.addScaled(next, -gamma / Math.pow(t, gammaDecay), pull);
        lambda = Linear.softmax(next);
        return new Step.Direction(Linear.combine(lambda, y), Linear.filled(tasks, 1));
    }
}
