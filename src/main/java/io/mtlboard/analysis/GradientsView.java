package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;

/**
 * {@code GET /api/analysis/gradients}: gradient cosine and magnitude similarity over training
 * (METRICS.md §3), and the inter-task against the inter-sample distribution of one of them (Elich
 * et al., arXiv 2311.04698).
 *
 * @param setting the setting (backbone × protocol) whose rows are shown and pooled: the chosen
 *     one, or the backbone's with the most rows; null without rows
 * @param settings the settings of the backbone, most rows first
 * @param methods methods with a training log in the setting, for choosing which rows to show
 * @param level the gradient level shown: {@code param} or {@code feature}
 * @param levels levels some row of the backbone logged indicators for
 * @param indicator {@code cosine} or {@code magnitudeSimilarity}: the one compared between scopes
 * @param curves inter-task cosine and magnitude similarity per epoch, per row
 * @param granularity what the curves and the comparison plot: {@code per-sample} (Elich et al.'s
 *     definition) or {@code batch}
 * @param granularities granularities some row logged at this level
 * @param definition the plotted granularity's definition, in one line
 */
public record GradientsView(
        Scope scope,
        Ref backbone,
        List<Ref> backbones,
        SettingChoice setting,
        List<SettingChoice> settings,
        List<Ref> methods,
        String level,
        List<String> levels,
        String indicator,
        List<Curve> curves,
        Comparison comparison,
        List<String> notes,
        String granularity,
        List<String> granularities,
        String definition) {

    /** Inter-task indicators of one row over training (mean ± std over runs per epoch). */
    public record Curve(
            String key,
            String label,
            String method,
            int runs,
            List<EpochStat> cosine,
            List<EpochStat> magnitudeSimilarity) {}

    /**
     * The Elich et al. comparison for one indicator: per-epoch values of all runs shown, inter-task
     * against inter-sample, and per row the two run means side by side.
     *
     * @param message the "too little data" or "no data yet" statement, or null
     */
    public record Comparison(
            String indicator,
            String label,
            Distribution interTask,
            Distribution interSample,
            List<PairPoint> rows,
            String message) {}

    /**
     * Per-epoch values pooled over runs: their histogram and mean ± std.
     *
     * @param runs how many runs contributed
     */
    public record Distribution(Histogram histogram, LeaderboardView.Stat values, int runs) {}

    /** A row's inter-task and inter-sample value (mean ± std over runs of run means). */
    public record PairPoint(
            String key,
            String label,
            String method,
            LeaderboardView.Stat interTask,
            LeaderboardView.Stat interSample) {}
}
