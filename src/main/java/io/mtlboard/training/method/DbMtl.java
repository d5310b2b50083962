package io.mtlboard.training.method;

/**
 * DB-MTL (METHODS.md; Lin et al., arXiv 2308.12029): the losses are log L_i, whose
 * gradients are g_i / L_i; their EMAs ĝ_i ← β ĝ_i + (1 − β) g_i / L_i (β = 0.9, start 0, no bias
 * correction, as in LibMTL) are rescaled to the largest norm, α_i = max_j ‖ĝ_j‖ / ‖ĝ_i‖, and
 * d = Σ α_i ĝ_i. The heads minimize log L_i, i.e. weights 1 / L_i. As in the authors' code, 1e-8
 * is added to every loss before its logarithm.
 */
final class DbMtl extends BaseMethod {

    private static final double EPSILON = 1e-8;
    private final double beta;
    private double[][] ema;

    DbMtl(int tasks, double beta) {
        super("db-mtl", tasks, Level.PARAMETER);
        this.beta = beta;
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        if (ema == null || ema[0].length != g[0].length) {
            ema = new double[tasks][g[0].length];
        }
        double[] headWeights = new double[tasks];
        double[] norms = new double[tasks];
        double max = 0;
        for (int i = 0; i < tasks; i++) {
            if (input.losses()[i] < 0) {
                throw new IllegalArgumentException("DB-MTL needs non-negative losses");
            }
            headWeights[i] = 1 / (input.losses()[i] + EPSILON);
            norms[i] = track(ema[i], g[i], headWeights[i]);
            max = Math.max(max, norms[i]);
        }
        double[] alpha = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            alpha[i] = norms[i] > 0 ? max / norms[i] : 0;
        }
        return new Step.Direction(Linear.combine(alpha, ema), headWeights);
    }

    /** ĝ ← β ĝ + (1 − β) s g in place; returns ‖ĝ‖. */
    private double track(double[] average, double[] gradient, double scale) {
        for (int k = 0; k < average.length; k++) {
            average[k] = beta * average[k] + (1 - beta) * scale * gradient[k];
        }
        return Linear.norm(average);
    }
}
