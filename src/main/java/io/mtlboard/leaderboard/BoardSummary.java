package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.metric.DeltaM;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's board at a glance, for the home page: per setting the best ranked row (rank 1 by
 * per-task Δm; several when they share it) and the number of ranked rows, and the rows by source.
 */
@ApplicationScoped
public class BoardSummary {

    /**
     * One setting: its id and label, its ranked row count, its rank-1 rows (empty when nothing is
     * ranked, e.g. no single-task baseline) and how many of its ranked rows have no std over seeds
     * and no pooled std to stand in for theirs ({@code untested}: their ranks are by point
     * estimate, not tested against seed noise); {@code untestedMeans} of them are published means
     * over several seeds printed without their std, the others rest on one seed.
     */
    public record SettingBest(
            String id,
            String label,
            int ranked,
            int rows,
            List<LeaderboardView.LeaderboardRowView> best,
            int untested,
            int untestedMeans) {}

    /** A benchmark's settings (largest first, as on the leaderboard) and rows per source. */
    public record Summary(List<SettingBest> settings, Map<String, Integer> bySource) {}

    private final LeaderboardService leaderboards;

    public BoardSummary(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    public Summary of(String benchmarkId) {
        LeaderboardView view =
                leaderboards.leaderboard(
                        benchmarkId, LeaderboardQuery.all(DeltaM.Convention.PER_TASK));
        List<SettingBest> settings = new ArrayList<>();
        for (LeaderboardView.SettingView s : view.settings()) {
            List<LeaderboardView.LeaderboardRowView> best =
                    view.rows().stream()
                            .filter(r -> s.id().equals(r.setting().id()))
                            .filter(r -> r.rank() != null && r.rank() == 1)
                            .toList();
            SeedNoise noise = s.seedNoise();
            boolean tested = noise == null || noise.appliedToSingleSeed();
            settings.add(
                    new SettingBest(
                            s.id(),
                            s.label(),
                            s.ranked(),
                            s.rows(),
                            best,
                            tested ? 0 : noise.singleSeed(),
                            tested ? 0 : noise.meansWithoutStd()));
        }
        Map<String, Integer> bySource = new LinkedHashMap<>();
        for (String source : List.of("verified", "reference", "literature", "claimed")) {
            int n = (int) view.rows().stream().filter(r -> source.equals(r.source())).count();
            if (n > 0) {
                bySource.put(source, n);
            }
        }
        return new Summary(settings, bySource);
    }
}
