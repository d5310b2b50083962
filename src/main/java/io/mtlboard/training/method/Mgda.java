package io.mtlboard.training.method;

import java.util.Arrays;
import java.util.Locale;

/**
 * MGDA (METHODS.md; Sener and Koltun, NeurIPS 2018): the min-norm point of the convex
 * hull of the task gradients, d = Σ α_i g_i with α on the simplex minimizing ‖Σ α_i ĝ_i‖² for the
 * optionally normalized gradients ĝ_i. On feature-level gradients this is MGDA-UB. As in the
 * authors' code the heads are weighted by α too, and α found for the normalized gradients
 * weights the raw ones.
 */
final class Mgda extends BaseMethod {

    /** Normalization of g_i before the min-norm problem: none, ‖g_i‖, L_i, or L_i ‖g_i‖. */
    enum Normalization {
        NONE, L2, LOSS, LOSS_PLUS;

        /** Parses "none", "l2", "loss" or "loss+". */
        static Normalization parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "l2" -> L2;
                case "loss" -> LOSS;
                case "loss+" -> LOSS_PLUS;
                default -> throw new IllegalArgumentException("unknown MGDA normalization: " + name);
            };
        }
    }

    private static final int MAX_ITERATIONS = 250;
    private static final double STOP = 1e-5;
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
        double scale = switch (normalization) {
            case NONE -> 1;
            case L2 -> norm;
            case LOSS -> loss;
            case LOSS_PLUS -> loss * norm;
        };
        // a zero gradient or loss has nothing to normalize
        return scale > 0 ? scale : 1;
    }

    /**
     * Frank–Wolfe on the Gram matrix M: start uniform; pick t̂ = argmin_t (Mα)_t; exact line
     * search on the segment between Σ α_i g_i and g_t̂; stop when the step moves α by less than
     * 1e-5 (L1) or after 250 iterations.
     */
    static double[] minNormWeights(double[][] m) {
        int t = m.length;
        double[] alpha = Linear.filled(t, 1.0 / t);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] mAlpha = Linear.times(m, alpha);
            int vertex = argmin(mAlpha);
            double gamma = lineSearch(Linear.dot(alpha, mAlpha), mAlpha[vertex], m[vertex][vertex]);
            double change = 0;
            for (int i = 0; i < t; i++) {
                double next = gamma * alpha[i] + (i == vertex ? 1 - gamma : 0);
                change += Math.abs(next - alpha[i]);
                alpha[i] = next;
            }
            if (change < STOP) {
                break;
            }
        }
        return alpha;
    }

    /** γ ∈ [0, 1] minimizing ‖γ a + (1 − γ) b‖² given ⟨a,a⟩, ⟨a,b⟩ and ⟨b,b⟩. */
    static double lineSearch(double aa, double ab, double bb) {
        double curvature = aa - 2 * ab + bb;
        if (curvature <= 0) {
            return 1;
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
