package io.mtlboard.analysis;

import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.leaderboard.SeedStats;
import java.util.Optional;

/** Seed statistics in the leaderboard's JSON shape (mean, std, n), so every page reads them alike. */
final class Stats {

    private Stats() {}

    static LeaderboardView.Stat of(SeedStats s) {
        return s == null ? null : new LeaderboardView.Stat(s.mean(), s.std(), s.n());
    }

    static LeaderboardView.Stat of(Optional<SeedStats> s) {
        return s.map(Stats::of).orElse(null);
    }
}
