package io.mtlboard.training.method;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * IMTL (METHODS.md; Liu et al., ICLR 2021), in three variants. IMTL-L: learnable s_i
 * (start 0), scaled losses e^{s_i} L_i − s_i, model weights e^{s_i}, and one optimizer step of s
 * along ∂/∂s_i = e^{s_i} L_i − 1 per training step. IMTL-G: α with Σ α = 1 such that
 * d = Σ α_i g_i has equal projections on all unit task gradients; the heads take their own
 * losses unweighted. IMTL: IMTL-G applied to the gradients e^{s_i} g_i of the scaled losses, the
 * heads weighted by e^{s_i}.
 */
final class Imtl extends BaseMethod {

    private final boolean gradientPart;
    private final double[] s;
    private final ParameterOptimizer optimizer;

    /** IMTL-G alone. */
    Imtl(int tasks) {
        super("imtl-g", tasks, Level.PARAMETER_OR_FEATURE);
        this.gradientPart = true;
        this.s = null;
        this.optimizer = null;
    }

    /** IMTL-L alone ({@code withGradientPart} false) or IMTL. */
    Imtl(int tasks, boolean withGradientPart, ParameterOptimizer optimizer) {
        super(
                withGradientPart ? "imtl" : "imtl-l",
                tasks,
                withGradientPart ? Level.PARAMETER_OR_FEATURE : Level.NONE);
        this.gradientPart = withGradientPart;
        this.s = new double[tasks];
        this.optimizer = optimizer;
    }

    @Override
    Step step(StepInput input) {
        double[] scales =
                s == null ? Linear.filled(tasks, 1) : Arrays.stream(s).map(Math::exp).toArray();
        if (s != null) {
            double[] gradient = new double[tasks];
            for (int i = 0; i < tasks; i++) {
                gradient[i] = scales[i] * input.losses()[i] - 1;
            }
            optimizer.step(s, gradient);
        }
        if (!gradientPart) {
            return new Step.Weights(scales);
        }
        double[][] g = Linear.copy(input.gradients());
        for (int i = 0; i < tasks; i++) {
            for (int k = 0; k < g[i].length; k++) {
                g[i][k] *= scales[i];
            }
        }
        return new Step.Direction(Linear.combine(equalProjectionWeights(g), g), scales);
    }

    /**
     * α (Σ α = 1) with equal projections of Σ α_i g_i on every unit g_i: with rows D_t = g_1 − g_t
     * and U_t = u_1 − u_t (t = 2..T), α_{2..T} = g_1 Uᵀ (D Uᵀ)^{-1}. Zero gradients get α = 0 and
     * take no part, since they have no direction to project on.
     */
    static double[] equalProjectionWeights(double[][] g) {
        int[] live = IntStream.range(0, g.length).filter(i -> Linear.norm(g[i]) > 0).toArray();
        double[] alpha = new double[g.length];
        if (live.length == 0) {
            Arrays.fill(alpha, 1.0 / g.length);
            return alpha;
        }
        double[][] liveRows = Arrays.stream(live).mapToObj(i -> g[i]).toArray(double[][]::new);
        double[] rest = solveRest(liveRows);
        alpha[live[0]] = 1 - Linear.sum(rest);
        for (int t = 0; t < rest.length; t++) {
            alpha[live[t + 1]] = rest[t];
        }
        return alpha;
    }

    /** α_{2..T} from (U Dᵀ) α_{2..T} = U g_1, the transpose of α_{2..T} (D Uᵀ) = g_1 Uᵀ. */
    private static double[] solveRest(double[][] g) {
        int n = g.length - 1;
        double[] firstUnit = unit(g[0]);
        double[][] d = new double[n][];
        double[][] u = new double[n][];
        for (int t = 0; t < n; t++) {
            d[t] = g[0].clone();
            Linear.addScaled(d[t], -1, g[t + 1]);
            u[t] = firstUnit.clone();
            Linear.addScaled(u[t], -1, unit(g[t + 1]));
        }
        double[][] udT = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                udT[a][b] = Linear.dot(u[a], d[b]);
            }
        }
        return n == 0 ? new double[0] : Linear.solve(udT, Linear.times(u, g[0]));
    }

    private static double[] unit(double[] v) {
        double norm = Linear.norm(v);
        return Arrays.stream(v).map(x -> x / norm).toArray();
    }

    /** The current scale logits s (IMTL-L and IMTL only). */
    double[] scaleLogits() {
        return s.clone();
    }
}
