package io.mtlboard.leaderboard.analysis;

import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;

/**
 * {@code GET /api/analysis/robustness}: metric drop against corruption severity per row, MTL
 * against single-task (METRICS.md §7, Elich et al., arXiv 2311.04698), from the corrupted-split
 * measurements the worker recorded.
 *
 * @param source where the numbers come from
 * @param metrics the benchmark's metrics, for choosing one
 * @param corruptions corruption ids: those measured first, then the others of METRICS.md §7
 * @param series relative drop (positive = worse) per severity of the chosen corruption, per row
 * @param deltas δ_t of each MTL row against the single-task row of its backbone, over every
 *     corruption and severity measured for both (negative: MTL degrades less)
 * @param message "no data yet" or "too little data" and why, or null
 */
public record RobustnessView(Scope scope, String source, List<Metric> metrics, Metric metric,
        List<String> corruptions, String corruption, List<Series> series, List<Delta> deltas, String message,
        List<String> notes) {

    /** A metric of the benchmark. */
    public record Metric(String key, String title, boolean higherIsBetter) {
    }

    /** One row's drop curve. */
    public record Series(String key, String label, String method, boolean singleTask, int runs,
            List<CorruptionCurves.SeverityDrop> points) {
    }

    /** δ_t of an MTL row against a single-task row of the same backbone. */
    public record Delta(String key, String label, String method, LeaderboardView.Ref backbone, String baseline,
            Double delta, int conditions) {
    }
}
