package io.mtlboard.training.method;

import java.util.random.RandomGenerator;

/**
 * GradDrop (METHODS.md; Chen et al., NeurIPS 2020; no leak): per coordinate k,
 * purity P_k = ½(1 + Σ_i g_ik / Σ_i |g_ik|); with U_k ~ U(0,1), keep the positive components
 * where P_k &gt; U_k and the negative ones otherwise; d = Σ_i mask_i ⊙ g_i. Defined on
 * feature-level gradients only; purity is taken per coordinate of the flattened representation
 * (the paper's batch sum and input-sign correction are not applied). Heads are unweighted.
 */
final class GradDrop extends BaseMethod {

    private final RandomGenerator random;

    GradDrop(int tasks, RandomGenerator random) {
        super("graddrop", tasks, Level.FEATURE);
        this.random = random;
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[] d = new double[g[0].length];
        for (int k = 0; k < d.length; k++) {
            double signed = 0;
            double absolute = 0;
            for (double[] row : g) {
                signed += row[k];
                absolute += Math.abs(row[k]);
            }
            double purity = absolute > 0 ? 0.5 * (1 + signed / absolute) : 0.5;
            boolean keepPositive = purity > random.nextDouble();
            for (double[] row : g) {
                if (keepPositive ? row[k] > 0 : row[k] < 0) {
                    d[k] += row[k];
                }
            }
        }
        return new Step.Direction(d, Linear.filled(tasks, 1));
    }
}
