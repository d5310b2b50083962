package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analysis/robustness}: metric drop against corruption severity per row, MTL
 * against single-task (METRICS.md §7, Elich et al., arXiv 2311.04698), from the corrupted-split
 * measurements the worker recorded.
 *
 * @param source where the numbers come from
 * @param metrics the benchmark's metrics, for choosing one
 * @param corruptions corruption ids: those measured first, then the others of METRICS.md §7
 * @param corruptionLabels the name shown to readers of each corruption id
 * @param series relative drop (positive = worse) per severity of the chosen corruption, per row
 * @param deltas δ_t of each MTL row against the single-task row of its setting, over every
 *     corruption and severity measured for both (negative: MTL degrades less)
 * @param message "no data yet" or "too little data" and why, or null
 * @param protocol the protocol of MTLBoard's own measurements, in one line
 * @param published the published robustness tables of this benchmark (Elich et al. Tables
 *     A8–A11), each with its own protocol and sign convention; empty when there are none
 * @param publishedBenchmarks the benchmarks that have published robustness tables
 */
public record RobustnessView(
        Scope scope,
        String source,
        List<Metric> metrics,
        Metric metric,
        List<String> corruptions,
        Map<String, String> corruptionLabels,
        String corruption,
        List<Series> series,
        List<Delta> deltas,
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

    /** δ_t of an MTL row against a single-task row of the same setting (backbone × protocol). */
    public record Delta(
            String key,
            String label,
            String method,
            Ref backbone,
            String baseline,
            Double delta,
            int conditions) {}
}
