package io.mtlboard.analysis;

import io.mtlboard.analysis.pareto.ParetoFront;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Elich et al.'s Pareto-count view (Table 2 / A2) recomputed from leaderboard rows: per setting
 * (benchmark, backbone × protocol, source, publication and gradient level) that has Adam and SGD
 * rows of methods, how many Adam and how
 * many SGD rows are Pareto optimal over every metric of the benchmark, among all of them and
 * against the other optimizer only. A row counts once, with its seed mean; single-task rows are the
 * baseline, not a method, and are left out; signSGD rows are not counted, as in the paper.
 */
final class ParetoSettings {

    private ParetoSettings() {}

    static List<OptimizersView.ParetoSetting> of(
            List<AnalysisRow> rows,
            Function<String, List<BenchmarkMetric>> metricsOf,
            List<PublishedPareto.Publication> published) {
        Map<List<Object>, List<AnalysisRow>> settings = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            List<BenchmarkMetric> metrics = metricsOf.apply(r.benchmarkId());
            if (!r.singleTask()
                    && (r.optimizer().equals("adam") || r.optimizer().equals("sgd"))
                    && r.metrics()
                            .keySet()
                            .containsAll(metrics.stream().map(BenchmarkMetric::key).toList())) {
                settings.computeIfAbsent(
                                List.of(
                                        r.benchmarkId(),
                                        Objects.requireNonNullElse(r.settingId(), r.backboneId()),
                                        r.backboneId(),
                                        r.source(),
                                        Objects.requireNonNullElse(r.citation(), ""),
                                        r.gradientLevel()),
                                k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<OptimizersView.ParetoSetting> out = new ArrayList<>();
        settings.forEach(
                (key, members) -> {
                    if (members.stream().map(AnalysisRow::optimizer).distinct().count() < 2) {
                        return;
                    }
                    List<BenchmarkMetric> metrics = metricsOf.apply(members.get(0).benchmarkId());
                    List<ParetoFront.Point> points =
                            members.stream()
                                    .map(
                                            r ->
                                                    new ParetoFront.Point(
                                                            r.methodId(),
                                                            r.optimizer(),
                                                            oriented(r, metrics)))
                                    .toList();
                    List<ParetoFront.GroupCount> counts =
                            ParetoFront.counts(points, List.of("adam", "sgd"));
                    AnalysisRow first = members.get(0);
                    out.add(
                            new OptimizersView.ParetoSetting(
                                    new Ref(first.benchmarkId(), first.benchmarkName()),
                                    first.settingId() == null
                                            ? null
                                            : new LeaderboardView.SettingRef(
                                                    first.settingId(), first.settingLabel()),
                                    first.backboneId(),
                                    first.backboneName(),
                                    first.source(),
                                    first.citation(),
                                    first.gradientLevel(),
                                    counts.get(0),
                                    counts.get(1),
                                    published(first, published)));
                });
        return out;
    }

    private static double[] oriented(AnalysisRow r, List<BenchmarkMetric> metrics) {
        double[] v = new double[metrics.size()];
        for (int i = 0; i < v.length; i++) {
            double mean = r.metrics().get(metrics.get(i).key()).mean();
            v[i] = metrics.get(i).higherIsBetter ? mean : -mean;
        }
        return v;
    }

    private static OptimizersView.PublishedCounts published(
            AnalysisRow r, List<PublishedPareto.Publication> all) {
        if (r.citation() == null) {
            return null;
        }
        for (PublishedPareto.Publication p : all) {
            for (PublishedPareto.Setting s : p.settings()) {
                if (s.benchmark().equals(r.benchmarkId())
                        && s.backbone().equals(r.backboneId())
                        && r.citation().contains(s.rowsTable())
                        && r.citation().contains("2311.04698")) {
                    return new OptimizersView.PublishedCounts(
                            p.citation(),
                            p.paper(),
                            p.unit(),
                            s.table2().adamFull(),
                            s.table2().adamAgainstSgd(),
                            s.table2().sgdFull(),
                            s.table2().sgdAgainstAdam(),
                            s.tableA2().adam(),
                            s.tableA2().adamTotal(),
                            s.tableA2().sgd(),
                            s.tableA2().sgdTotal(),
                            s.note());
                }
            }
        }
        return null;
    }
}
