package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;

/**
 * {@code GET /api/analysis/feature-disentanglement}: FD (METRICS.md §4, after Mao et al., arXiv
 * 2402.03557) over training per row, the final FD against test Δm, and FD measured by the worker
 * on the test split.
 *
 * @param setting the setting (backbone × protocol) whose rows are shown and ranked: the chosen
 *     one, or the backbone's with the most rows; null without rows
 * @param settings the settings of the backbone, most rows first
 * @param methods methods with an FD curve in the setting, for choosing which to overlay
 * @param curves FD per epoch (mean ± std over runs) of the rows of the chosen methods
 * @param finals final FD (last logged epoch) against Δm, every row of the setting
 * @param agreement rank agreement of final FD with Δm over {@code finals}
 * @param interval its 95 % interval from resampling each row's seeds (METRICS.md §5); null when
 *     the agreement is undefined or rests on too few rows
 * @param measured FD measured by the worker on the test split
 */
public record FeatureDisentanglementView(
        Scope scope,
        Ref backbone,
        List<Ref> backbones,
        SettingChoice setting,
        List<SettingChoice> settings,
        CoefficientChoice coefficient,
        List<Ref> methods,
        List<Curve> curves,
        List<RankingSimilarityView.Point> finals,
        Agreement agreement,
        Heatmap.IntervalView interval,
        String finalsMessage,
        Measured measured,
        List<String> notes) {

    /** FD over training of one row. */
    public record Curve(
            String key, String label, String method, int runs, List<EpochStat> points) {}

    /**
     * FD measured by the evaluation worker on the test split, from the latest completed evaluation.
     *
     * @param source where the numbers come from
     * @param rows rows with at least one measured run
     * @param message "no data yet" and why, or null
     */
    public record Measured(String source, List<MeasuredRow> rows, String message) {}

    /** Worker-measured FD of a row: mean ± std over its measured runs, with its Δm. */
    public record MeasuredRow(
            String key,
            String label,
            String method,
            LeaderboardView.Stat fd,
            LeaderboardView.Stat meanEntropy,
            LeaderboardView.Stat deltaM) {}
}
