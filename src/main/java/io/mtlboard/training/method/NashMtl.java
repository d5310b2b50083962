package io.mtlboard.training.method;

import java.util.Arrays;

/**
 * Nash-MTL (METHODS.md; Navon et al., ICML 2022): α &gt; 0 with (M α)_i α_i = 1 for all i,
 * d = Σ α_i g_i clipped to norm 1, heads weighted by α (the authors backpropagate Σ α_i L_i).
 * The condition is the stationarity condition of the strictly convex potential
 * ½ αᵀ M α − Σ_i log α_i, which is minimized here by damped Newton steps instead of the
 * authors' convex-concave cvxpy iterations: on M / ‖M‖_F, warm-started from the previous
 * solution, then rescaled by ‖M‖_F^{-1/2}. Newton stops when the residual max_i |α_i (Mα)_i − 1|
 * is below 10⁻¹⁰; once the Newton decrement λ² = −∇ᵀΔ is below 10⁻¹⁴ the Armijo test would be
 * decided by the potential's round-off, so the full Newton step is taken instead (quadratic
 * convergence); a point whose line search still fails is accepted when its residual is below
 * 10⁻⁶. Only when no solution exists
 * (some positive combination of the gradients vanishes and α diverges) or the iterations end far
 * from one is the previous α kept, as the authors do on solver failure.
 */
final class NashMtl extends BaseMethod {

    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;
    private static final double DECREMENT = 1e-14;
    private static final double ACCEPT = 1e-6;
    private static final double DIVERGED = 1e8;
    private final double maxNorm;
    private double[] previous;

    NashMtl(int tasks, double maxNorm) {
        super("nash-mtl", tasks, Level.PARAMETER);
        this.maxNorm = maxNorm;
        this.previous = Linear.filled(tasks, 1);
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[][] m = Linear.gram(g);
        double norm =
                Math.sqrt(Arrays.stream(m).flatMapToDouble(Arrays::stream).map(x -> x * x).sum());
        if (norm == 0) {
            return new Step.Direction(new double[g[0].length], previous.clone());
        }
        double[][] normalized =
                Arrays.stream(m)
                        .map(row -> Arrays.stream(row).map(x -> x / norm).toArray())
                        .toArray(double[][]::new);
        double[] solution = bargainingWeights(normalized, previous);
        if (solution != null) {
            previous = solution;
        }
        double[] alpha = Arrays.stream(previous).map(a -> a / Math.sqrt(norm)).toArray();
        double[] d = Linear.combine(alpha, g);
        double length = Linear.norm(d);
        if (maxNorm > 0 && length > maxNorm) {
            Arrays.setAll(d, k -> d[k] * maxNorm / length);
        }
        return new Step.Direction(d, alpha);
    }

    /** α &gt; 0 with (M α)_i α_i = 1, by Newton from {@code start}; null if there is none. */
    static double[] bargainingWeights(double[][] m, double[] start) {
        int t = m.length;
        double[] a = start.clone();
        double residual = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] ma = Linear.times(m, a);
            double[] gradient = new double[t];
            residual = 0;
            for (int i = 0; i < t; i++) {
                gradient[i] = ma[i] - 1 / a[i];
                residual = Math.max(residual, Math.abs(a[i] * ma[i] - 1));
            }
            if (residual < TOLERANCE) {
                return a;
            }
            double[][] hessian = new double[t][];
            for (int i = 0; i < t; i++) {
                hessian[i] = m[i].clone();
                hessian[i][i] += 1 / (a[i] * a[i]);
            }
            double[] delta = Linear.solve(hessian, Arrays.stream(gradient).map(x -> -x).toArray());
            double slope = Linear.dot(gradient, delta);
            // a Newton decrement this small is below what the potential's round-off lets the Armijo
            // test
            // see, and deep in Newton's region of quadratic convergence: take the full step
            double[] next =
                    -slope < DECREMENT ? fullStep(a, delta) : dampedStep(m, a, delta, slope);
            if (next == null) {
                return residual < ACCEPT ? a : null;
            }
            a = next;
            if (Arrays.stream(a).max().orElseThrow() > DIVERGED) {
                return null;
            }
        }
        return residual(m, a) < ACCEPT ? a : null;
    }

    private static double[] fullStep(double[] a, double[] delta) {
        double[] next = a.clone();
        Linear.addScaled(next, 1, delta);
        return Arrays.stream(next).allMatch(x -> x > 0) ? next : null;
    }

    /** max_i |α_i (Mα)_i − 1|. */
    static double residual(double[][] m, double[] a) {
        double[] ma = Linear.times(m, a);
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r = Math.max(r, Math.abs(a[i] * ma[i] - 1));
        }
        return r;
    }

    /** a + s Δ with s halved until a stays positive and the potential decreases enough (Armijo). */
    private static double[] dampedStep(double[][] m, double[] a, double[] delta, double slope) {
        double current = potential(m, a);
        for (double s = 1; s > 1e-12; s /= 2) {
            double[] next = a.clone();
            Linear.addScaled(next, s, delta);
            if (Arrays.stream(next).allMatch(x -> x > 0)
                    && potential(m, next) <= current + 1e-4 * s * slope) {
                return next;
            }
        }
        return null;
    }

    private static double potential(double[][] m, double[] a) {
        return 0.5 * Linear.dot(Linear.times(m, a), a) - Arrays.stream(a).map(Math::log).sum();
    }
}
