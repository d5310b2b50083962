package io.mtlboard.training.method;

/**
 * CAGrad (METHODS.md; Liu et al., NeurIPS 2021): with g_0 = mean_i g_i, find w on the
 * simplex minimizing F(w) = wᵀ M 𝟙/T + c √(mean(M)) √(wᵀ M w) (c = 0.5), g_w = Σ w_i g_i, and
 * d = (g_0 + c ‖g_0‖ g_w / ‖g_w‖) / (1 + c²); c = 0 gives the EW direction g_0. The authors take
 * 20 SGD steps on softmax logits; here the convex inner problem is solved to convergence by
 * projected gradient descent with backtracking. Heads are unweighted.
 */
final class CaGrad extends BaseMethod {

    private static final int MAX_ITERATIONS = 1000;
    private static final double MIN_STEP = 1e-14;
    private static final double MAX_STEP = 1e6;
    private final double c;

    CaGrad(int tasks, double c) {
        super("cagrad", tasks, Level.PARAMETER);
        this.c = c;
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[][] m = Linear.gram(g);
        double[] coefficients = Linear.filled(tasks, 1.0 / tasks);
        double[] w = simplexWeights(m, c);
        double meanNorm =
                Math.sqrt(Math.max(0, Linear.dot(Linear.times(m, coefficients), coefficients)));
        double weightedNorm = Math.sqrt(Math.max(0, Linear.dot(Linear.times(m, w), w)));
        for (int i = 0; i < tasks; i++) {
            double steer = weightedNorm > 0 ? c * meanNorm * w[i] / weightedNorm : 0;
            coefficients[i] = (coefficients[i] + steer) / (1 + c * c);
        }
        return new Step.Direction(Linear.combine(coefficients, g), Linear.filled(tasks, 1));
    }

    /** argmin of F over the simplex for the Gram matrix {@code m} (uniform when M = 0 or c = 0). */
    static double[] simplexWeights(double[][] m, double c) {
        int t = m.length;
        double scale = 0;
        for (int i = 0; i < t; i++) {
            scale += m[i][i] / t;
        }
        double[] w = Linear.filled(t, 1.0 / t);
        if (scale <= 0 || c == 0) {
            return w;
        }
        Objective f = new Objective(m, scale, c);
        double step = 1;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = f.gradient(w);
            double[] next = f.projectedStep(w, gradient, step);
            while (step > MIN_STEP && !f.decreasesEnough(w, gradient, next, step)) {
                step /= 2;
                next = f.projectedStep(w, gradient, step);
            }
            double moved = Linear.norm(minus(next, 1, w));
            if (step <= MIN_STEP || moved < 1e-13) {
                break;
            }
            w = next;
            step = Math.min(2 * step, MAX_STEP);
        }
        return w;
    }

    private static double[] minus(double[] a, double s, double[] b) {
        double[] r = a.clone();
        Linear.addScaled(r, -s, b);
        return r;
    }

    /** F on M divided by its mean diagonal, which leaves the minimizer unchanged. */
    private static final class Objective {
        private final double[][] m;
        private final double[] b;
        private final double k;

        Objective(double[][] gram, double scale, double c) {
            int t = gram.length;
            m = new double[t][t];
            b = new double[t];
            double mean = 0;
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    m[i][j] = gram[i][j] / scale;
                    b[i] += m[i][j] / t;
                    mean += m[i][j] / (t * t);
                }
            }
            k = c * Math.sqrt(Math.max(0, mean));
        }

        double[] projectedStep(double[] w, double[] gradient, double step) {
            return Linear.projectOntoSimplex(minus(w, step, gradient));
        }

        /** The sufficient-decrease test of backtracking projected gradient descent. */
        boolean decreasesEnough(double[] w, double[] gradient, double[] next, double step) {
            double[] move = minus(next, 1, w);
            return value(next)
                    <= value(w) + Linear.dot(gradient, move) + Linear.dot(move, move) / (2 * step);
        }

        double value(double[] w) {
            return Linear.dot(w, b) + k * Math.sqrt(Math.max(0, Linear.dot(Linear.times(m, w), w)));
        }

        double[] gradient(double[] w) {
            double[] mw = Linear.times(m, w);
            double norm = Math.sqrt(Math.max(0, Linear.dot(mw, w)));
            double[] gradient = b.clone();
            if (norm > 0) {
                Linear.addScaled(gradient, k / norm, mw);
            }
            return gradient;
        }
    }
}
