package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.SeedStats;
import java.util.List;

/**
 * {@code GET /api/analysis/ranking-similarity}: how faithfully training indicators rank methods
 * like test Δm on one benchmark and backbone, and how well the Δm ranking agrees across
 * backbones and datasets (METRICS.md §5, Mao et al., arXiv 2402.03557).
 *
 * @param backbone the backbone of the indicator heatmap and the scatter
 * @param backbones backbones with rows on the benchmark under the filters
 * @param setting the setting (backbone × protocol) of the indicator heatmap and the scatter: the
 *     chosen one, or the one with the most rows; null without rows
 * @param settings the settings of the backbone, most rows first
 * @param rows MTL rows of the setting; {@code rowsWithLogs} of them have a training log
 * @param indicatorHeatmap indicators × indicators including test Δm; entries are rows
 * @param backboneHeatmap settings × settings (backbone × protocol: across backbones, and across
 *     protocols of one backbone), Δm ranking of methods
 * @param datasetHeatmap benchmarks × benchmarks, Δm ranking of methods
 * @param scatter one indicator against Δm, one point per row
 * @param indicators the indicators logged on the backbone, for the scatter's choice
 * @param noiseCeiling the agreement of the backbone's Δm ranking with itself between disjoint halves
 *     of the seeds, or null when fewer than two rows have two seeds
 * @param readings every indicator of the heatmap against test Δm (its first row), most agreeing
 *     first, each read against seed noise and the noise ceiling
 * @param readingSummary the readings in one sentence, or null without indicators
 */
public record RankingSimilarityView(
        Scope scope,
        Ref backbone,
        List<Ref> backbones,
        SettingChoice setting,
        List<SettingChoice> settings,
        CoefficientChoice coefficient,
        int minReliable,
        int rows,
        int rowsWithLogs,
        Heatmap indicatorHeatmap,
        Heatmap backboneHeatmap,
        Heatmap datasetHeatmap,
        Scatter scatter,
        List<Indicator> indicators,
        List<String> notes,
        Ceiling noiseCeiling,
        List<Reading> readings,
        String readingSummary) {

    /** How an indicator ranks rows against test Δm ({@link Reading#reading}). */
    public static final String LIKE = "like";

    public static final String OPPOSITE = "opposite";

    public static final String NOISE = "noise";

    public static final String TOO_FEW = "too-few";

    /** The coefficient is not defined: every row has the same value of the indicator. */
    public static final String UNDEFINED = "undefined";

    /** A coefficient without a seed interval (every row has one run): not tested against seed noise. */
    public static final String UNTESTED = "untested";

    /**
     * One indicator against test Δm: the heatmap's cell and interval.
     *
     * @param reading {@value #LIKE} or {@value #OPPOSITE} (ranks rows like, or opposite to, test Δm
     *     beyond seed noise), {@value #NOISE} (the interval includes 0), {@value #UNTESTED} (no
     *     interval: the rows have one run each), {@value #TOO_FEW} or {@value #UNDEFINED} (the rows
     *     tie on the indicator)
     * @param ceiling for an indicator that ranks like Δm beyond noise: {@code beyond}, {@code
     *     within} (the interval includes the noise ceiling) or {@code below} it; null otherwise or
     *     without a readable ceiling
     * @param text the reading in words
     */
    public record Reading(
            String key,
            String label,
            Agreement agreement,
            Heatmap.IntervalView interval,
            String reading,
            String ceiling,
            String text) {}

    /**
     * An indicator against Δm.
     *
     * @param agreement the same coefficient as the heatmaps, over the points
     * @param message the "too little data" statement, or null
     * @param interval the seed-bootstrap 95 % interval of the agreement, or null
     * @param verdict in words: whether the indicator agrees with test Δm beyond seed noise and beyond
     *     the noise ceiling
     */
    public record Scatter(
            Indicator indicator,
            List<Point> points,
            Agreement agreement,
            String message,
            Heatmap.IntervalView interval,
            String verdict) {}

    /**
     * A noise ceiling (METRICS.md §5): the agreement a perfect predictor of test Δm could reach
     * with test Δm from all seeds, which the readings compare indicators with. It is measured as
     * the agreement between two halves of the seeds ({@code splitHalf}: the mean over random splits
     * of the rows with at least two seeds, with the splits' 2.5th–97.5th percentiles; see {@link
     * io.mtlboard.analysis.ranking.SeedBootstrap}) and stepped up to the full seed count ({@link
     * io.mtlboard.analysis.ranking.Coefficient#stepUpFromHalves}); for top-k overlap, which cannot
     * be stepped up, {@code value} is the split-half agreement itself and {@code steppedUp} false.
     *
     * @param value the ceiling, low and high: its value and the range of the splits, stepped up
     * @param rows rows with at least two seeds
     * @param splits random half splits
     * @param splitHalf the measured split-half agreement
     */
    public record Ceiling(
            double value,
            double low,
            double high,
            int rows,
            int splits,
            boolean steppedUp,
            SplitHalf splitHalf) {}

    /** The agreement of test Δm with itself between disjoint halves of the seeds. */
    public record SplitHalf(double value, double low, double high) {}

    /** One row: its indicator value (mean ± std over runs) and its Δm (mean ± std over seeds). */
    public record Point(
            String key,
            String label,
            String method,
            double x,
            Double xStd,
            double y,
            Double yStd,
            int runs) {

        /** A row's point: its value {@code x} of an indicator against its Δm. */
        static Point of(AnalysisRow row, SeedStats x) {
            return new Point(
                    row.key(),
                    row.label(),
                    row.methodId(),
                    x.mean(),
                    x.std(),
                    row.deltaM().mean(),
                    row.deltaM().std(),
                    x.n());
        }
    }
}
