package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.benchmark.Ref;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analysis/robustness}: metric drop against corruption severity per row, MTL
 * against single-task (METRICS.md §7, Elich et al., arXiv 2311.04698), from the corrupted-split
 * measurements the worker recorded.
 *
 * @param backbone the backbone of the setting shown
 * @param backbones the backbones with rows
 * @param setting the setting (backbone × protocol) whose rows are shown; null without rows
 * @param settings the backbone's settings with corrupted-split measurements (all its settings when
 *     none has any), the one with the most rows first
 * @param source where the numbers come from
 * @param metrics the benchmark's metrics, for choosing one
 * @param corruptions corruption ids: those measured first, then the others of METRICS.md §7
 * @param corruptionLabels the name shown to readers of each corruption id
 * @param series relative drop (positive = worse) per severity of the chosen corruption, per row
 * @param deltas δ_t of each MTL row against the single-task row of its setting, over every
 *     corruption and severity measured for both (negative: MTL degrades less), with its seed
 *     interval and reading
 * @param deltaSummary the readings of {@code deltas} in one sentence; null without deltas
 * @param message "no data yet" or "too little data" and why, or null
 * @param protocol the protocol of MTLBoard's own measurements, in one line
 * @param published the published robustness tables of this benchmark (Elich et al. Tables
 *     A8–A11), each with its own protocol and sign convention; empty when there are none
 * @param publishedBenchmarks the benchmarks that have published robustness tables
 */
public record RobustnessView(
        Scope scope,
        Ref backbone,
        List<Ref> backbones,
        SettingChoice setting,
        List<SettingChoice> settings,
        String source,
        List<Metric> metrics,
        Metric metric,
        List<String> corruptions,
        Map<String, String> corruptionLabels,
        String corruption,
        List<Series> series,
        List<Delta> deltas,
        String deltaSummary,
        String message,
        List<String> notes,
        String protocol,
        List<PublishedTable> published,
        List<String> publishedBenchmarks) {

    /**
     * A published table: δ_t per metric ({@code quantity} {@code delta}) or absolute scores on the
     * corrupted test split ({@code corrupted}), per network and method, as printed.
     */
    public record PublishedTable(
            String table,
            String quantity,
            String citation,
            String paper,
            String protocol,
            String signConvention,
            List<String> metrics,
            List<PublishedRow> rows) {}

    /** One printed row; {@code mean} is the printed row mean of a δ_t table, else null. */
    public record PublishedRow(
            String network,
            String networkLabel,
            String method,
            Map<String, Double> values,
            Double mean) {}

    /** A metric of the benchmark: its key, title and the label shown to readers (task and title). */
    public record Metric(String key, String title, String label, boolean higherIsBetter) {}

    /** The label of the metric with the given key, or the key itself when the benchmark has no such metric. */
    public String metricLabel(String key) {
        return metrics.stream()
                .filter(m -> m.key().equals(key))
                .map(Metric::label)
                .findFirst()
                .orElse(key);
    }

    /** The label of the row whose series has the given key, or the key itself. */
    public String seriesLabel(String key) {
        return series.stream()
                .filter(s -> s.key().equals(key))
                .map(Series::label)
                .findFirst()
                .orElse(key);
    }

    /** One row's drop curve. */
    public record Series(
            String key,
            String label,
            String method,
            boolean singleTask,
            int runs,
            List<CorruptionCurves.SeverityDrop> points) {}

    /**
     * δ_t of an MTL row against a single-task row of the same setting (backbone × protocol).
     *
     * @param low the 95 % seed-bootstrap interval of δ_t (both rows' runs resampled); null with one
     *     run on each side
     * @param reading {@value #LESS} or {@value #MORE} (the multi-task model degrades less, or more,
     *     beyond seed noise), {@value #NOISE} (the interval includes 0) or {@value #ONE_SEED} (no
     *     interval)
     * @param text the reading in words
     */
    public record Delta(
            String key,
            String label,
            String method,
            Ref backbone,
            String baseline,
            Double delta,
            Double low,
            Double high,
            String reading,
            String text,
            int conditions) {

        /** The words for a {@link #reading}, as the page's table shows them. */
        public static String text(String reading) {
            if (reading == null) {
                return "—";
            }
            return switch (reading) {
                case LESS -> "degrades less than single-task beyond seed noise";
                case MORE -> "degrades more than single-task beyond seed noise";
                case NOISE -> "within seed noise (the interval includes 0)";
                default -> "one run on each side: not tested against seed noise";
            };
        }

        public static final String LESS = "less";
        public static final String MORE = "more";
        public static final String NOISE = "noise";
        public static final String ONE_SEED = "one-seed";

        /** The reading of an interval, or of its absence. */
        static String reading(SeedBootstrap.Interval i) {
            if (i == null) {
                return ONE_SEED;
            }
            return i.includesZero() ? NOISE : i.high() < 0 ? LESS : MORE;
        }
    }
}
