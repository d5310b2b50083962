package io.mtlboard.training.method;

import java.util.Arrays;
import java.util.Locale;

/**
 * MGDA (METHODS.md; Sener and Koltun, NeurIPS 2018): the min-norm point of the convex
 * hull of the task gradients, d = Σ α_i g_i with α on the simplex minimizing ‖Σ α_i ĝ_i‖² for the
 * optionally normalized gradients ĝ_i. On feature-level gradients this is MGDA-UB. As in the
 * authors' code the heads are weighted by α too, and α found for the normalized gradients
 * weights the raw ones.
 *
 * <p>The min-norm problem is solved exactly, not by METHODS.md's plain Frank–Wolfe from the
 * uniform start (which stops with ‖d‖² up to ≈ 1 % above the minimum and some weight left on
 * tasks that should get none): as in Sener and Koltun's solver, α starts at the best pair's
 * two-task closed form; then pairwise Frank–Wolfe steps move weight from the worst supported
 * task (largest (Mα)_t with α_t &gt; 0) to the best one (smallest (Mα)_t), each with the exact
 * two-point line search, which can empty a task's weight completely. It stops at the
 * optimality condition itself: every supported task has (Mα)_t within 10⁻¹² · max_t M_tt of the
 * smallest (the KKT conditions of the quadratic program on the simplex).
 */
final class Mgda extends BaseMethod {

    /** Normalization of g_i before the min-norm problem: none, ‖g_i‖, L_i, or L_i ‖g_i‖. */
    enum Normalization {
        NONE,
        L2,
        LOSS,
        LOSS_PLUS;

        /** Parses "none", "l2", "loss" or "loss+". */
        static Normalization parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "l2" -> L2;
                case "loss" -> LOSS;
                case "loss+" -> LOSS_PLUS;
                default ->
                        throw new IllegalArgumentException("unknown MGDA normalization: " + name);
            };
        }
    }

    private static final int MAX_ITERATIONS = 100_000;
    private static final double GAP = 1e-12;
    private final Normalization normalization;

    Mgda(int tasks, Normalization normalization) {
        super("mgda", tasks, Level.PARAMETER_OR_FEATURE);
        this.normalization = normalization;
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[][] normalized = new double[tasks][];
        for (int i = 0; i < tasks; i++) {
            double scale = scale(input.losses()[i], Linear.norm(g[i]));
            normalized[i] = Arrays.stream(g[i]).map(x -> x / scale).toArray();
        }
        double[] alpha = minNormWeights(Linear.gram(normalized));
        return new Step.Direction(Linear.combine(alpha, g), alpha.clone());
    }

    private double scale(double loss, double norm) {
        double scale =
                switch (normalization) {
                    case NONE -> 1;
                    case L2 -> norm;
                    case LOSS -> loss;
                    case LOSS_PLUS -> loss * norm;
                };
        // a zero gradient or loss has nothing to normalize
        return scale > 0 ? scale : 1;
    }

    /** The exact min-norm weights on the simplex for the Gram matrix {@code m} (see the class comment). */
    static double[] minNormWeights(double[][] m) {
        int t = m.length;
        double[] alpha = bestPair(m);
        if (t <= 2) {
            return alpha;
        }
        double scale = 0;
        for (int i = 0; i < t; i++) {
            scale = Math.max(scale, m[i][i]);
        }
        if (scale <= 0) {
            return alpha;
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] mAlpha = Linear.times(m, alpha);
            int toward = argmin(mAlpha);
            int away = -1;
            for (int i = 0; i < t; i++) {
                if (alpha[i] > 0 && (away < 0 || mAlpha[i] > mAlpha[away])) {
                    away = i;
                }
            }
            double gap = mAlpha[away] - mAlpha[toward];
            if (away == toward || gap <= GAP * scale) {
                break;
            }
            // move s of α_away to α_toward: ‖d‖² changes by −2 s gap + s² (M_tt − 2 M_ta + M_aa)
            double curvature = m[toward][toward] - 2 * m[toward][away] + m[away][away];
            double s = curvature > 0 ? Math.min(alpha[away], gap / curvature) : alpha[away];
            alpha[toward] += s;
            alpha[away] = s == alpha[away] ? 0 : alpha[away] - s;
        }
        return alpha;
    }

    /** The min-norm point of the best pair of tasks (two-task closed form), as Sener and Koltun start. */
    private static double[] bestPair(double[][] m) {
        int t = m.length;
        if (t == 1) {
            return new double[] {1};
        }
        double best = Double.POSITIVE_INFINITY;
        double[] alpha = null;
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                double gamma = lineSearch(m[i][i], m[i][j], m[j][j]);
                double value =
                        gamma * gamma * m[i][i]
                                + 2 * gamma * (1 - gamma) * m[i][j]
                                + (1 - gamma) * (1 - gamma) * m[j][j];
                if (value < best) {
                    best = value;
                    alpha = new double[t];
                    alpha[i] = gamma;
                    alpha[j] = 1 - gamma;
                }
            }
        }
        return alpha;
    }

    /** γ ∈ [0, 1] minimizing ‖γ a + (1 − γ) b‖² given ⟨a,a⟩, ⟨a,b⟩ and ⟨b,b⟩. */
    static double lineSearch(double aa, double ab, double bb) {
        double curvature = aa - 2 * ab + bb;
        if (curvature <= 0) {
            return aa <= bb ? 1 : 0;
        }
        return Math.min(1, Math.max(0, (bb - ab) / curvature));
    }

    private static int argmin(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }
}
