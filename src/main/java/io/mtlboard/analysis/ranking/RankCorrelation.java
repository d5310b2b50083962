package io.mtlboard.analysis.ranking;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank agreement of two aligned goodness vectors (METRICS.md §5). Entry {@code i} of both arrays
 * belongs to the same method, and methods are in ascending id order, which is the tie-break of
 * top-k. Every function returns null when the coefficient is undefined: fewer than two methods,
 * or a scoring that is constant over them.
 */
final class RankCorrelation {

    private RankCorrelation() {}

    /**
     * Kendall τ-b (Kendall 1945): ties in either ranking shrink the denominator. {@code (n_c − n_d)
     * / sqrt((n_0 − n_1)(n_0 − n_2))} counted in O(n log n) as Knight (1966) does and as Commons
     * Math's {@code KendallsCorrelation} computes it — the same counts, ties meaning {@link
     * Double#compare} equal, and the same last two floating-point operations, so the same value —
     * on primitive arrays: the seed bootstrap computes it some 10⁵ times per analysis.
     */
    static Double kendallTauB(double[] a, double[] b) {
        int n = a.length;
        if (n < 2) {
            return null;
        }
        if (b.length != n) {
            throw new IllegalArgumentException(
                    "rankings of different lengths: " + n + " and " + b.length);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[n], (i, j) -> compareXy(a, b, i, j));
        double[] y = new double[n];
        long tiedX = 0;
        long tiedXy = 0;
        long runX = 1;
        long runXy = 1;
        for (int k = 0; k < n; k++) {
            y[k] = b[order[k]];
            if (k == 0) {
                continue;
            }
            if (Double.compare(a[order[k]], a[order[k - 1]]) == 0) {
                runX++;
                if (Double.compare(y[k], y[k - 1]) == 0) {
                    runXy++;
                } else {
                    tiedXy += pairs(runXy);
                    runXy = 1;
                }
            } else {
                tiedX += pairs(runX);
                runX = 1;
                tiedXy += pairs(runXy);
                runXy = 1;
            }
        }
        tiedX += pairs(runX);
        tiedXy += pairs(runXy);
        long swaps = inversions(y);
        long tiedY = 0;
        long runY = 1;
        for (int k = 1; k < n; k++) {
            if (Double.compare(y[k], y[k - 1]) == 0) {
                runY++;
            } else {
                tiedY += pairs(runY);
                runY = 1;
            }
        }
        tiedY += pairs(runY);
        long all = pairs(n);
        return kendallTauBOfCounts(all, tiedX, tiedY, all - tiedX - tiedY + tiedXy - 2 * swaps);
    }

    /**
     * τ-b from its counts: {@code all} pairs, {@code tiedX} and {@code tiedY} of them tied in either
     * ranking, and n_c − n_d; null where undefined (a ranking tied throughout).
     */
    static Double kendallTauBOfCounts(
            long all, long tiedX, long tiedY, long concordantMinusDiscordant) {
        double nonTiedPairsMultiplied = (all - tiedX) * (double) (all - tiedY);
        return definedOrNull(concordantMinusDiscordant / Math.sqrt(nonTiedPairsMultiplied));
    }

    private interface IndexOrder {
        int compare(int i, int j);
    }

    private static int compareXy(double[] a, double[] b, int i, int j) {
        int x = Double.compare(a[i], a[j]);
        return x != 0 ? x : Double.compare(b[i], b[j]);
    }

    /** The number of pairs among {@code k} items. */
    private static long pairs(long k) {
        return k * (k - 1) / 2;
    }

    /** Sorts indices (stable, bottom-up merge sort); {@code buffer} has their length. */
    private static void mergeSort(int[] items, int[] buffer, IndexOrder order) {
        int n = items.length;
        int[] from = items;
        int[] to = buffer;
        for (int width = 1; width < n; width <<= 1) {
            for (int start = 0; start < n; start += 2 * width) {
                int mid = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int i = start;
                int j = mid;
                for (int k = start; k < end; k++) {
                    if (j >= end || (i < mid && order.compare(from[i], from[j]) <= 0)) {
                        to[k] = from[i++];
                    } else {
                        to[k] = from[j++];
                    }
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != items) {
            System.arraycopy(from, 0, items, 0, n);
        }
    }

    /**
     * Sorts the values ascending and returns the number of pairs {@code i < j} with {@code v[i] >
     * v[j]} before sorting (the swaps of a merge sort).
     */
    private static long inversions(double[] values) {
        int n = values.length;
        double[] from = values;
        double[] to = new double[n];
        long swaps = 0;
        for (int width = 1; width < n; width <<= 1) {
            for (int start = 0; start < n; start += 2 * width) {
                int mid = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int i = start;
                int j = mid;
                for (int k = start; k < end; k++) {
                    if (j >= end || (i < mid && Double.compare(from[i], from[j]) <= 0)) {
                        to[k] = from[i++];
                    } else {
                        swaps += mid - i;
                        to[k] = from[j++];
                    }
                }
            }
            double[] t = from;
            from = to;
            to = t;
        }
        if (from != values) {
            System.arraycopy(from, 0, values, 0, n);
        }
        return swaps;
    }

    /** Spearman ρ: Pearson correlation of the ranks, tied values sharing their average rank. */
    static Double spearmanRho(double[] a, double[] b) {
        if (a.length < 2) {
            return null;
        }
        if (hasNaN(a) || hasNaN(b)) {
            // Commons Math's own NaN handling
            return definedOrNull(new SpearmansCorrelation().correlation(a, b));
        }
        // the ranks Commons Math's default NaturalRanking gives (ties: their average rank), on
        // primitive arrays: the seed bootstrap computes ρ some 10⁵ times per analysis; Pearson's r
        // of the ranks exactly in integers
        return spearmanRhoOfRanks(averageRanks(a), averageRanks(b));
    }

    /**
     * ρ of two rank vectors from {@link #averageRanks} (at least two entries), null when either is
     * constant. Average ranks are multiples of ½ whose mean is (n + 1) / 2, so twice a centred rank
     * is an integer: the sums Σ a b, Σ a² and Σ b² of Pearson's r are counted exactly in integers
     * and ρ = Σ a b / √(Σ a² · Σ b²) is rounded only in its last two steps, which do not depend on
     * the order of the two rankings (the same double both ways round).
     */
    static Double spearmanRhoOfRanks(double[] ranksA, double[] ranksB) {
        int n = ranksA.length;
        if (ranksB.length != n) {
            throw new IllegalArgumentException(
                    "rankings of different lengths: " + n + " and " + ranksB.length);
        }
        long ab = 0;
        long aa = 0;
        long bb = 0;
        for (int i = 0; i < n; i++) {
            long a = Math.round(2 * ranksA[i]) - (n + 1);
            long b = Math.round(2 * ranksB[i]) - (n + 1);
            ab += a * b;
            aa += a * a;
            bb += b * b;
        }
        if (aa == 0 || bb == 0) {
            return null;
        }
        double rho = ab / Math.sqrt((double) aa * (double) bb);
        return Math.max(-1.0, Math.min(1.0, rho));
    }

    /**
     * The 1-based rank of every value, tied values (by {@link Double#compare}) sharing the mean of
     * their ranks; no NaN.
     */
    static double[] averageRanks(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int first = bound(sorted, values[i], true);
            int last = bound(sorted, values[i], false) - 1;
            ranks[i] = (first + last) / 2.0 + 1;
        }
        return ranks;
    }

    /** The first index of {@code sorted} whose value is ≥ v ({@code lower}) or > v. */
    private static int bound(double[] sorted, double v, boolean lower) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = Double.compare(sorted[mid], v);
            if (c < 0 || (!lower && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
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
        return overlapOfTops(top(a, kk), top(b, kk), kk);
    }

    /** |A ∩ B| / k of two top-k memberships from {@link #top}. */
    static Double overlapOfTops(boolean[] inA, boolean[] inB, int kk) {
        int n = inA.length;
        int shared = 0;
        for (int i = 0; i < n; i++) {
            if (inA[i] && inB[i]) {
                shared++;
            }
        }
        return shared / (double) kk;
    }

    static boolean[] top(double[] values, int k) {
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
