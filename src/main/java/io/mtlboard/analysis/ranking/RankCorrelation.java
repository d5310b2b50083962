package io.mtlboard.analysis.ranking;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank agreement of two aligned goodness vectors (METRICS.md §5). Entry {@code i} of both arrays
 * belongs to the same method, and methods are in ascending id order, which is the tie-break of
 * top-k. Every function returns null when the coefficient is undefined: fewer than two methods,
 * or a scoring that is constant over them.
 */
final class RankCorrelation {

    private RankCorrelation() {}

    /** Kendall τ-b (Kendall 1945): ties in either ranking shrink the denominator. */
    static Double kendallTauB(double[] a, double[] b) {
        // Commons Math computes τ-b: (n_c − n_d) / sqrt((n_0 − n_1)(n_0 − n_2))
        return a.length < 2 ? null : definedOrNull(new KendallsCorrelation().correlation(a, b));
    }

    /** Spearman ρ: Pearson correlation of the ranks, tied values sharing their average rank. */
    static Double spearmanRho(double[] a, double[] b) {
        // the default NaturalRanking of Commons Math gives tied values their average rank
        return a.length < 2 ? null : definedOrNull(new SpearmansCorrelation().correlation(a, b));
    }

    /**
     * |top_k(a) ∩ top_k(b)| / k, where top_k takes the k highest values with ties broken by
     * position. When fewer than k methods are compared, k shrinks to their number.
     */
    static Double topKOverlap(double[] a, double[] b, int k) {
        int n = a.length;
        if (n == 0) {
            return null;
        }
        int kk = Math.min(k, n);
        boolean[] inA = top(a, kk);
        boolean[] inB = top(b, kk);
        int shared = 0;
        for (int i = 0; i < n; i++) {
            if (inA[i] && inB[i]) {
                shared++;
            }
        }
        return shared / (double) kk;
    }

    private static boolean[] top(double[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable sort: equal values keep ascending position, i.e. ascending method id
        Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
        boolean[] in = new boolean[values.length];
        for (int r = 0; r < k; r++) {
            in[order[r]] = true;
        }
        return in;
    }

    private static Double definedOrNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
