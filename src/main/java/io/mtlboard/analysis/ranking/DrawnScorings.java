package io.mtlboard.analysis.ranking;

import java.util.Arrays;

/**
 * A coefficient of many pairs of scorings computed from one summary per scoring and bootstrap draw
 * (pairwise signs for Kendall τ-b, ranks for Spearman ρ, top-k membership) instead of ranking both
 * scorings anew for every pair. Covers the pairs whose scorings hold the same entries in the same
 * order, from two up to a limit; {@link SeedBootstrap#intervals} leaves the others to {@link
 * ResampledMeans#compare}.
 */
abstract class DrawnScorings {

    /** {@code means[s][e]}: the current draw's mean of entry e of scoring s. */
    final double[][] means;

    final Orientation[] orientations;
    private final boolean[][] covered;
    private final boolean[] used;

    DrawnScorings(
            double[][] means, Orientation[] orientations, String[][] entries, int maxEntries) {
        int k = entries.length;
        this.means = means;
        this.orientations = orientations;
        covered = new boolean[k][k];
        used = new boolean[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                covered[i][j] =
                        entries[i].length >= 2
                                && entries[i].length <= maxEntries
                                && Arrays.equals(entries[i], entries[j]);
                used[i] |= covered[i][j];
            }
        }
    }

    /** The summaries for {@code coefficient} over the draws of {@code resampled}; null when it has none. */
    static DrawnScorings of(ResampledMeans resampled, Coefficient coefficient) {
        if (coefficient.isKendallTauB()) {
            return new KendallSigns(resampled.means, resampled.orientations(), resampled.entries());
        }
        if (coefficient.isSpearmanRho() || coefficient.topK() > 0) {
            return new DrawnRanks(
                    resampled.means,
                    resampled.orientations(),
                    resampled.entries(),
                    coefficient.topK());
        }
        return null;
    }

    /** Whether the coefficient of scorings i and j is computed here. */
    final boolean covers(int i, int j) {
        return covered[i][j];
    }

    /** Whether scoring s is in a covered pair, so that its summary is needed. */
    final boolean used(int s) {
        return used[s];
    }

    /** Summarises every scoring in a covered pair anew from the current means (after each draw). */
    final void update() {
        for (int s = 0; s < used.length; s++) {
            if (used[s]) {
                update(s);
            }
        }
    }

    abstract void update(int scoring);

    /** The coefficient of covered scorings i and j in the current draw; null where it is undefined. */
    abstract Double compare(int i, int j);
}
