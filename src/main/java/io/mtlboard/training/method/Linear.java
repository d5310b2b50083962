package io.mtlboard.training.method;

import java.util.Arrays;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/** The small dense linear algebra the methods share: vectors of length D, matrices T×D or T×T. */
final class Linear {

    private Linear() {}

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double sum(double[] a) {
        return Arrays.stream(a).sum();
    }

    /** a += s·b, in place. */
    static void addScaled(double[] a, double s, double[] b) {
        for (int k = 0; k < a.length; k++) {
            a[k] += s * b[k];
        }
    }

    /** Σ_i α_i g_i for the rows g_i of G. */
    static double[] combine(double[] alpha, double[][] g) {
        double[] d = new double[g[0].length];
        for (int i = 0; i < g.length; i++) {
            addScaled(d, alpha[i], g[i]);
        }
        return d;
    }

    /** Σ_i g_i. */
    static double[] sumRows(double[][] g) {
        return combine(filled(g.length, 1), g);
    }

    /** M = G Gᵀ. */
    static double[][] gram(double[][] g) {
        int t = g.length;
        double[][] m = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = i; j < t; j++) {
                m[i][j] = dot(g[i], g[j]);
                m[j][i] = m[i][j];
            }
        }
        return m;
    }

    /** M v. */
    static double[] times(double[][] m, double[] v) {
        double[] r = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            r[i] = dot(m[i], v);
        }
        return r;
    }

    static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    static double[][] copy(double[][] g) {
        double[][] c = new double[g.length][];
        for (int i = 0; i < g.length; i++) {
            c[i] = g[i].clone();
        }
        return c;
    }

    /** softmax(x), shifted by max x so that large logits do not overflow. */
    static double[] softmax(double[] x) {
        double max = Arrays.stream(x).max().orElseThrow();
        double[] e = Arrays.stream(x).map(v -> Math.exp(v - max)).toArray();
        double total = sum(e);
        return Arrays.stream(e).map(v -> v / total).toArray();
    }

    /**
     * Euclidean projection onto the probability simplex {w ≥ 0, Σ w = 1}, by sorting (Held et al.
     * 1974; Duchi et al., ICML 2008, Fig. 1).
     */
    static double[] projectOntoSimplex(double[] v) {
        double[] u = v.clone();
        Arrays.sort(u);
        double cumulative = 0;
        double theta = 0;
        for (int k = u.length - 1; k >= 0; k--) {
            cumulative += u[k];
            double candidate = (cumulative - 1) / (u.length - k);
            if (u[k] - candidate > 0) {
                theta = candidate;
            }
        }
        double shift = theta;
        return Arrays.stream(v).map(x -> Math.max(x - shift, 0)).toArray();
    }

    /** The least-squares (pseudo-inverse) solution x of A x = b, so singular A does not throw. */
    static double[] solve(double[][] a, double[] b) {
        var solver = new SingularValueDecomposition(MatrixUtils.createRealMatrix(a)).getSolver();
        return solver.solve(new ArrayRealVector(b)).toArray();
    }
}
