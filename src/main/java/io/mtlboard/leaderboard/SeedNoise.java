package io.mtlboard.leaderboard;

import java.util.List;

/**
 * How much of a setting's ranking rests on one seed, and how large seed noise is there: the ranked
 * rows without any spread of Δm (one seed, no printed std), and the std of Δm between seeds pooled
 * over the ranked rows with two or more seeds, √(Σ (n_i − 1) s_i² / Σ (n_i − 1)). Two single-seed
 * rows whose Δm differ by less than 1.96 · √2 · s_pooled are within seed noise at 95 % (the
 * difference of two independent draws with std s has std √2 s), if the pooled std holds for them.
 *
 * @param singleSeed ranked rows with one seed and no printed std: their rank is not tested against
 *     seed noise
 * @param pooledRows ranked rows with two or more seeds that the pooled std is taken over
 * @param pooledStd the pooled std of Δm between seeds, null without such rows
 * @param noiseBand 1.96 · √2 · pooledStd, null without a pooled std
 */
public record SeedNoise(int singleSeed, int pooledRows, Double pooledStd, Double noiseBand) {

    /** The seed noise of ranked rows: their Δm over seeds and the spread each is ranked with. */
    static SeedNoise of(List<SeedStats> deltaM, List<Double> spreads) {
        int single = 0;
        int pooled = 0;
        double sum = 0;
        int df = 0;
        for (int i = 0; i < deltaM.size(); i++) {
            SeedStats d = deltaM.get(i);
            if (spreads.get(i) == null) {
                single++;
            }
            if (d.n() >= 2 && d.std() != null) {
                pooled++;
                sum += (d.n() - 1) * d.std() * d.std();
                df += d.n() - 1;
            }
        }
        Double std = df == 0 ? null : Math.sqrt(sum / df);
        return new SeedNoise(single, pooled, std, std == null ? null : 1.96 * Math.sqrt(2) * std);
    }
}
