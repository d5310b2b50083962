package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Ref;
import java.util.List;

/**
 * Two metrics of one setting against each other, as served by
 * {@code GET /api/leaderboards/{id}/pareto}: one point per evidence-backed row (mean ± std over
 * seeds), the non-dominated rows marked, and the setting's single-task row as the reference point.
 * Claimed rows are never drawn.
 */
public record ParetoView(
        Ref benchmark,
        LeaderboardView.SettingRef setting,
        List<LeaderboardView.SettingRef> settings,
        Axis x,
        Axis y,
        List<Point> points,
        Point baseline) {

    /** One axis: a metric of the benchmark and its direction. */
    public record Axis(String key, String label, boolean higherIsBetter, String unit) {}

    /** One row as a point; {@code nonDominated} when no other row is at least as good on both axes and better on one. */
    public record Point(
            String label,
            String method,
            String source,
            String optimizer,
            String gradientLevel,
            double x,
            Double xStd,
            double y,
            Double yStd,
            boolean nonDominated,
            List<Long> runIds) {}
}
