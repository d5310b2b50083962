package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.metric.DeltaM;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Where a run stands on its benchmark's leaderboard: the row that holds it (its setting, rank
 * within the setting, Δm in both conventions against the setting's single-task baseline) — for the
 * run page.
 */
@ApplicationScoped
public class RunPlacement {

    /**
     * A run's row and its setting; {@code of} is the number of ranked rows of the setting.
     *
     * @param row the leaderboard row (per-task Δm convention) whose runs include the run
     * @param flat the same row in the flat Δm convention (null if it is not there)
     * @param setting the row's setting
     * @param of ranked rows in the setting
     */
    public record Placement(
            LeaderboardView.LeaderboardRowView row,
            LeaderboardView.LeaderboardRowView flat,
            LeaderboardView.SettingView setting,
            int of) {}

    private final LeaderboardService leaderboards;

    public RunPlacement(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    /**
     * The row of the run, empty when it is on no row (superseded, hidden, withdrawn, rejected or
     * still being evaluated). Rows whose baseline comes from another protocol carry their role and
     * no rank, as on the default leaderboard.
     */
    public Optional<Placement> of(String benchmarkId, long runId) {
        LeaderboardView perTask = all(benchmarkId, DeltaM.Convention.PER_TASK);
        Optional<LeaderboardView.LeaderboardRowView> row = find(perTask, runId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        LeaderboardView.SettingView setting =
                perTask.settings().stream()
                        .filter(s -> s.id().equals(row.get().setting().id()))
                        .findFirst()
                        .orElseThrow();
        LeaderboardView.LeaderboardRowView flat =
                find(all(benchmarkId, DeltaM.Convention.FLAT), runId).orElse(null);
        return Optional.of(new Placement(row.get(), flat, setting, setting.ranked()));
    }

    private LeaderboardView all(String benchmarkId, DeltaM.Convention convention) {
        return leaderboards.leaderboard(benchmarkId, LeaderboardQuery.all(convention));
    }

    private static Optional<LeaderboardView.LeaderboardRowView> find(
            LeaderboardView view, long runId) {
        return view.rows().stream().filter(r -> r.runIds().contains(runId)).findFirst();
    }
}
