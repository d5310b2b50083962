package io.mtlboard.analysis.gradients;

import java.util.List;

/** Dot products, norms and the input checks shared by the gradient indicators. */
final class Vectors {

    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Checks that both vectors are finite, non-empty and of one dimension. */
    static void requirePair(double[] a, double[] b) {
        requireAll(List.of(a, b), 2);
    }

    /** Checks that there are at least {@code min} finite, non-empty vectors of one dimension. */
    static void requireAll(List<double[]> vectors, int min) {
        if (vectors.size() < min) {
            throw new IllegalArgumentException(
                    "needs at least " + min + " gradients, got " + vectors.size());
        }
        int dimension = vectors.get(0).length;
        if (dimension == 0) {
            throw new IllegalArgumentException("gradients must not be empty");
        }
        for (double[] v : vectors) {
            if (v.length != dimension) {
                throw new IllegalArgumentException(
                        "gradients differ in dimension: " + dimension + " and " + v.length);
            }
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("gradients must be finite");
                }
            }
        }
    }

    static double requireNonZero(double norm) {
        if (norm == 0) {
            throw new IllegalArgumentException("the indicator is undefined for a zero gradient");
        }
        return norm;
    }
}
