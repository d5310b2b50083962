package io.mtlboard.analysis.ranking;

/**
 * Kendall τ-b of many pairs of scorings over the same entries, as the seed bootstrap needs it some
 * 10⁵–10⁶ times per analysis (every pair of 40 indicators in every one of 1,000 draws): per draw
 * each scoring's entries become one sign per pair of entries, sign(goodness_a − goodness_b), and
 * the τ-b of two scorings is then {@code Σ s_i s_j / sqrt((n_0 − t_i)(n_0 − t_j))}, t the zero signs
 * (tied pairs) — a sum over the n(n − 1)/2 pairs instead of a sort per pair of scorings. The sum is
 * n_c − n_d and t_i the pairs tied in i, the integer counts {@link RankCorrelation#kendallTauB}
 * finds by sorting, and the last two floating-point operations are its own: the same value to the
 * bit ({@code KendallSignsTest}). Up to {@value #MAX_ENTRIES} entries, where the quadratic sum is
 * cheaper than the sorts.
 */
final class KendallSigns extends DrawnScorings {

    /** Beyond this many entries the n(n − 1)/2 signs cost more than Knight's O(n log n) count. */
    static final int MAX_ENTRIES = 64;

    private final byte[][] signs;
    private final long[] ties;

    KendallSigns(double[][] means, Orientation[] orientations, String[][] entries) {
        super(means, orientations, entries, MAX_ENTRIES);
        signs = new byte[entries.length][];
        ties = new long[entries.length];
        for (int s = 0; s < entries.length; s++) {
            int n = entries[s].length;
            signs[s] = used(s) ? new byte[n * (n - 1) / 2] : null;
        }
    }

    @Override
    void update(int s) {
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

    @Override
    Double compare(int i, int j) {
        byte[] x = signs[i];
        byte[] y = signs[j];
        long sum = 0;
        for (int p = 0; p < x.length; p++) {
            sum += x[p] * y[p];
        }
        return RankCorrelation.kendallTauBOfCounts(x.length, ties[i], ties[j], sum);
    }
}
