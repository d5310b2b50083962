package io.mtlboard.leaderboard;

import java.util.List;

/**
 * How much of a setting's ranking rests on one seed, and how large seed noise is there: the ranked
 * rows without any spread of Δm (one seed, no printed std), and the std of Δm between seeds pooled
 * over the ranked rows with two or more seeds, √(Σ (n_i − 1) s_i² / Σ (n_i − 1)). Two single-seed
 * rows whose Δm differ by less than 1.96 · √2 · s_pooled are within seed noise at 95 % (the
 * difference of two independent draws with std s has std √2 s), if the pooled std holds for them.
 *
 * <p>When the pooled std rests on at least {@link #MIN_DEGREES_OF_FREEDOM} degrees of freedom, a
 * single-seed row of the setting is ranked and compared with its baseline as if its std were the
 * pooled one (docs/LEADERBOARD.md §3): without it the row would look exact and every difference
 * to it would count. With fewer, the pooled std is itself too uncertain to stand in for a row's.
 *
 * @param singleSeed ranked rows without a std over seeds: one seed, or a published mean printed
 *     without its std
 * @param meansWithoutStd of those, the rows whose mean is over two or more seeds (a publication
 *     printed the mean of its seeds and not their std)
 * @param pooledRows ranked rows with two or more seeds that the pooled std is taken over
 * @param degreesOfFreedom Σ (n_i − 1) over those rows
 * @param pooledStd the pooled std of Δm between seeds, null without such rows
 * @param noiseBand 1.96 · √2 · pooledStd, null without a pooled std
 * @param appliedToSingleSeed whether single-seed rows are ranked with the pooled std
 */
public record SeedNoise(
        int singleSeed,
        int meansWithoutStd,
        int pooledRows,
        int degreesOfFreedom,
        Double pooledStd,
        Double noiseBand,
        boolean appliedToSingleSeed) {

    /** The fewest degrees of freedom a pooled std needs to stand in for a single-seed row's std. */
    public static final int MIN_DEGREES_OF_FREEDOM = 5;

    /** The seed noise of ranked rows: their Δm over seeds and the spread each has of its own. */
    public static SeedNoise of(List<SeedStats> deltaM, List<Double> spreads) {
        return of(deltaM, spreads, java.util.Collections.nCopies(deltaM.size(), null));
    }

    /**
     * The same, knowing each row's seed count ({@code seeds}: for a published row the seeds its
     * mean is over, which can be several for one run; null when unknown).
     */
    public static SeedNoise of(List<SeedStats> deltaM, List<Double> spreads, List<Integer> seeds) {
        int single = 0;
        int means = 0;
        int pooled = 0;
        double sum = 0;
        int df = 0;
        for (int i = 0; i < deltaM.size(); i++) {
            SeedStats d = deltaM.get(i);
            if (spreads.get(i) == null) {
                single++;
                if (Math.max(d.n(), seeds.get(i) == null ? 0 : seeds.get(i)) >= 2) {
                    means++;
                }
            }
            if (d.n() >= 2 && d.std() != null) {
                pooled++;
                sum += (d.n() - 1) * d.std() * d.std();
                df += d.n() - 1;
            }
        }
        Double std = df == 0 ? null : Math.sqrt(sum / df);
        return new SeedNoise(
                single,
                means,
                pooled,
                df,
                std,
                std == null ? null : 1.96 * Math.sqrt(2) * std,
                std != null && df >= MIN_DEGREES_OF_FREEDOM);
    }

    /** The std a row without a spread of its own is ranked with: the pooled one, or null. */
    public Double standIn() {
        return appliedToSingleSeed ? pooledStd : null;
    }

    /**
     * The same pooled figures with other counts of rows without a std (e.g. of the rows a search
     * found).
     */
    SeedNoise withSingleSeed(int count, int means) {
        return new SeedNoise(
                count,
                means,
                pooledRows,
                degreesOfFreedom,
                pooledStd,
                noiseBand,
                appliedToSingleSeed);
    }

    /** The rows without a std that rest on one seed. */
    public int oneSeed() {
        return singleSeed - meansWithoutStd;
    }
}
