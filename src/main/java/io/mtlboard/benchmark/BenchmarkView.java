package io.mtlboard.benchmark;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/** A benchmark as served by {@code /api/benchmarks} and shown on the benchmark pages. */
public record BenchmarkView(
        String id,
        String name,
        String version,
        String description,
        String homepage,
        String licence,
        String citation,
        boolean dataBundled,
        @JsonRawValue String input,
        List<TaskView> tasks,
        int rows,
        List<BenchmarkStatistics.BaselineRow> baselines,
        List<String> sources) {

    /** A task with its metrics. */
    public record TaskView(
            String name, String title, String kind, String loss, List<MetricView> metrics) {}

    /** A metric: its key, direction, unit and verification tolerance. */
    public record MetricView(
            String key,
            String name,
            String title,
            boolean higherIsBetter,
            String unit,
            double absTolerance,
            double relTolerance) {}

    static BenchmarkView from(Benchmark b, BenchmarkStatistics stats, boolean detailed) {
        List<TaskView> tasks =
                b.tasks.stream()
                        .map(
                                t ->
                                        new TaskView(
                                                t.name,
                                                t.title,
                                                t.kind,
                                                t.loss,
                                                t.metrics.stream()
                                                        .map(
                                                                m ->
                                                                        new MetricView(
                                                                                m.key(),
                                                                                m.name,
                                                                                m.title,
                                                                                m.higherIsBetter,
                                                                                m.unit,
                                                                                m.absTolerance,
                                                                                m.relTolerance))
                                                        .toList()))
                        .toList();
        return new BenchmarkView(
                b.id,
                b.name,
                b.version,
                b.description,
                b.homepage,
                b.datasetLicence,
                b.citation,
                b.dataBundled,
                b.inputSpec,
                tasks,
                stats.rowCount(b.id),
                detailed ? stats.baselines(b.id) : null,
                detailed ? stats.sources(b.id) : null);
    }
}
