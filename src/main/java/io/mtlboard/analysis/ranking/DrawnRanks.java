package io.mtlboard.analysis.ranking;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Spearman ρ and top-k overlap of many pairs of scorings over the same entries in the seed
 * bootstrap: per draw each scoring is ranked once (its average ranks, or its top-k membership) in
 * ascending order of entry key, as {@link ResampledMeans#compare} lays a pair out, and a pair's
 * coefficient is then computed from the two — instead of ranking both scorings again for every
 * pair. The rankings and the last step are {@link RankCorrelation}'s own, so the values are the
 * same to the bit ({@code SeedBootstrapEquivalenceTest}).
 */
final class DrawnRanks extends DrawnScorings {

    private final int[][] byKey;
    private final double[][] goodness;
    private final double[][] ranks;
    private final boolean[][] tops;
    private final int k;

    /** @param k the k of top-k overlap, 0 for Spearman ρ */
    DrawnRanks(double[][] means, Orientation[] orientations, String[][] entries, int k) {
        super(means, orientations, entries, Integer.MAX_VALUE);
        this.k = k;
        int count = entries.length;
        byKey = new int[count][];
        goodness = new double[count][];
        ranks = new double[count][];
        tops = new boolean[count][];
        for (int s = 0; s < count; s++) {
            if (used(s)) {
                String[] keys = entries[s];
                byKey[s] =
                        IntStream.range(0, keys.length)
                                .boxed()
                                .sorted(Comparator.comparing(e -> keys[e]))
                                .mapToInt(Integer::intValue)
                                .toArray();
                goodness[s] = new double[keys.length];
            }
        }
    }

    @Override
    void update(int s) {
        double[] g = goodness[s];
        for (int t = 0; t < g.length; t++) {
            g[t] = orientations[s].goodness(means[s][byKey[s][t]]);
        }
        if (k == 0) {
            ranks[s] = RankCorrelation.averageRanks(g);
        } else {
            tops[s] = RankCorrelation.top(g, Math.min(k, g.length));
        }
    }

    @Override
    Double compare(int i, int j) {
        return k == 0
                ? RankCorrelation.spearmanRhoOfRanks(ranks[i], ranks[j])
                : RankCorrelation.overlapOfTops(tops[i], tops[j], Math.min(k, tops[i].length));
    }
}
