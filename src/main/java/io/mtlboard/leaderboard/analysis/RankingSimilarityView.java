package io.mtlboard.leaderboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;

/**
 * {@code GET /api/analysis/ranking-similarity}: how faithfully training indicators rank methods
 * like test Δm on one benchmark and backbone, and how well the Δm ranking agrees across
 * backbones and datasets (METRICS.md §5, Mao et al., arXiv 2402.03557).
 *
 * @param backbone the backbone of the indicator heatmap and the scatter
 * @param backbones backbones with rows on the benchmark under the filters
 * @param rows MTL rows of the backbone; {@code rowsWithLogs} of them have a training log
 * @param indicatorHeatmap indicators × indicators including test Δm; entries are rows
 * @param backboneHeatmap backbones × backbones, Δm ranking of methods
 * @param datasetHeatmap benchmarks × benchmarks, Δm ranking of methods
 * @param scatter one indicator against Δm, one point per row
 * @param indicators the indicators logged on the backbone, for the scatter's choice
 */
public record RankingSimilarityView(Scope scope, LeaderboardView.Ref backbone, List<LeaderboardView.Ref> backbones,
        CoefficientChoice coefficient, int minReliable, int rows, int rowsWithLogs, Heatmap indicatorHeatmap,
        Heatmap backboneHeatmap, Heatmap datasetHeatmap, Scatter scatter, List<Indicator> indicators,
        List<String> notes) {

    /**
     * An indicator against Δm.
     *
     * @param agreement the same coefficient as the heatmaps, over the points
     * @param message the "too little data" statement, or null
     */
    public record Scatter(Indicator indicator, List<Point> points, Agreement agreement, String message) {
    }

    /** One row: its indicator value (mean ± std over runs) and its Δm (mean ± std over seeds). */
    public record Point(String key, String label, String method, double x, Double xStd, double y, Double yStd,
            int runs) {
    }
}
