package io.mtlboard.analysis;

import io.mtlboard.leaderboard.SeedStats;

/**
 * One point of a curve over training: the mean ± sample std over the runs of a row that logged
 * this epoch.
 *
 * @param std null for a single run
 * @param n how many runs the point is over
 */
public record EpochStat(int epoch, double mean, Double std, int n) {

    static EpochStat of(int epoch, SeedStats s) {
        return new EpochStat(epoch, s.mean(), s.std(), s.n());
    }
}
