package io.mtlboard.analysis.ranking;

import java.util.Arrays;

/**
 * Kendall τ-b of many pairs of scorings over the same entries, as the seed bootstrap needs it some
 * 10⁵–10⁶ times per analysis (every pair of 40 indicators in every one of 1,000 draws): per draw
 * each scoring's entries become one sign per pair of entries, sign(goodness_a − goodness_b), and
 * the τ-b of two scorings is then {@code Σ s_i s_j / sqrt((n_0 − t_i)(n_0 − t_j))}, t the zero signs
 * (tied pairs) — a sum over the n(n − 1)/2 pairs instead of a sort per pair of scorings. The sum is
 * n_c − n_d and t_i the pairs tied in i, the integer counts {@link RankCorrelation#kendallTauB}
 * finds by sorting, and the last two floating-point operations are its own: the same value to the
 * bit ({@code KendallSignsTest}).
 *
 * <p>Only pairs of scorings whose entries are the same keys in the same order are covered, and only
 * up to {@value #MAX_ENTRIES} entries, where the quadratic sum is cheaper than the sorts; the
 * bootstrap computes other pairs as before.
 */
final class KendallSigns {

    /** Beyond this many entries the n(n − 1)/2 signs cost more than Knight's O(n log n) count. */
    static final int MAX_ENTRIES = 64;

    private final double[][] means;
    private final Orientation[] orientations;
    private final boolean[][] covered;
    private final byte[][] signs;
    private final long[] ties;
    private final boolean[] used;

    KendallSigns(double[][] means, Orientation[] orientations, String[][] entries) {
        int k = entries.length;
        this.means = means;
        this.orientations = orientations;
        covered = new boolean[k][k];
        used = new boolean[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                covered[i][j] =
                        entries[i].length >= 2
                                && entries[i].length <= MAX_ENTRIES
                                && Arrays.equals(entries[i], entries[j]);
                used[i] |= covered[i][j];
            }
        }
        signs = new byte[k][];
        ties = new long[k];
        for (int s = 0; s < k; s++) {
            int n = entries[s].length;
            signs[s] = used[s] ? new byte[n * (n - 1) / 2] : null;
        }
    }

    /** The signs of the scorings of {@code resampled}, over its draws' means. */
    static KendallSigns of(ResampledMeans resampled) {
        return new KendallSigns(resampled.means, resampled.orientations(), resampled.entries());
    }

    /** Whether τ-b of scorings i and j is computed here. */
    boolean covers(int i, int j) {
        return covered[i][j];
    }

    /** Recomputes the signs from the current means (after each draw). */
    void update() {
        for (int s = 0; s < signs.length; s++) {
            if (!used[s]) {
                continue;
            }
            double[] m = means[s];
            byte[] out = signs[s];
            boolean higher = orientations[s] == Orientation.HIGHER_IS_BETTER;
            int n = m.length;
            int p = 0;
            long tied = 0;
            for (int a = 0; a < n; a++) {
                double ga = higher ? m[a] : -m[a];
                for (int b = a + 1; b < n; b++) {
                    double gb = higher ? m[b] : -m[b];
                    int c = Integer.signum(Double.compare(ga, gb));
                    out[p++] = (byte) c;
                    tied += c == 0 ? 1 : 0;
                }
            }
            ties[s] = tied;
        }
    }

    /** Kendall τ-b of scorings i and j in the current draw; null where it is undefined. */
    Double tau(int i, int j) {
        byte[] x = signs[i];
        byte[] y = signs[j];
        long sum = 0;
        for (int p = 0; p < x.length; p++) {
            sum += x[p] * y[p];
        }
        return RankCorrelation.kendallTauBOfCounts(x.length, ties[i], ties[j], sum);
    }
}
