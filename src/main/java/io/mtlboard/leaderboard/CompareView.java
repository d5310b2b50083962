package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Ref;
import java.util.List;
import java.util.Map;

/**
 * Two to four leaderboard rows side by side, as served by {@code GET
 * /api/leaderboards/{id}/compare} and rendered by the compare page. {@code best} names, per metric
 * key, the key(s) of the row(s) with the better mean in that metric's direction (several on a tie);
 * {@code bestDeltaM} the same for Δm in each convention ({@code per-task}, {@code flat}). {@code
 * verdicts} says per metric key, and {@code deltaMVerdicts} per convention, whether the better
 * value stands out from seed noise (METRICS.md §9): {@code clear} (its interval mean ± std
 * overlaps no other row's), {@code within-noise} (it overlaps some row's, a tie included), {@code
 * not-judged} (a row has no spread: one seed and no printed std), null when fewer than two rows
 * have a value. {@code sameBaseline} is false when the rows' Δm are against different single-task
 * baselines (rows of different settings, or of different optimizers), which {@code baselineNote}
 * then says.
 */
public record CompareView(
        Ref benchmark,
        List<LeaderboardView.MetricColumn> metrics,
        List<String> tasks,
        List<CompareRow> rows,
        Map<String, List<String>> best,
        Map<String, List<String>> bestDeltaM,
        Map<String, String> verdicts,
        Map<String, String> deltaMVerdicts,
        boolean sameBaseline,
        String baselineNote) {

    /** The better value differs from every other row's by more than both spreads. */
    public static final String CLEAR = "clear";

    /** The better value is within the summed spreads of some other row's. */
    public static final String WITHIN_NOISE = "within-noise";

    /** Some compared row has no spread (one seed, no printed std): the difference is not judged. */
    public static final String NOT_JUDGED = "not-judged";

    /**
     * One compared row: the leaderboard row (metrics, Δm in both conventions with its baseline,
     * links, efficiency), its Δm per task (per-task convention, from the means of the row and its
     * baseline; null without a baseline), and the run whose training log the page plots ({@code
     * curveRun}: the run of seed 0, else the row's first run; {@code curveSeed} its seed, null for a
     * published row) with whether that log has any epochs.
     */
    public record CompareRow(
            String key,
            LeaderboardView.LeaderboardRowView row,
            Map<String, Double> deltaMPerTask,
            Long curveRun,
            Integer curveSeed,
            boolean hasTrainingLog) {}
}
