package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.metric.DeltaM;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups the runs of one benchmark into leaderboard rows (benchmark × backbone × method ×
 * optimizer × gradient level × source; literature rows also by publication) and computes mean ±
 * std per metric and Δm against the single-task baseline of the same backbone. Pure: no database.
 */
final class BoardCalculator {

    private BoardCalculator() {
    }

    /** A metric column of the benchmark. */
    record MetricInfo(String key, String task, boolean higherIsBetter) {
    }

    /** What the calculator needs to know of one run. */
    record RunFacts(long runId, String methodId, String methodName, String backboneId, String optimizer,
            String gradientLevel, RowSource source, Integer seeds, String citation, Double publishedTask,
            Double publishedTaskStd, Double publishedFlat, Map<String, Double> values) {
    }

    /** The single-task baseline a row's Δm was computed against, and the optimizer it was trained with. */
    record Baseline(List<Long> runIds, String citation, RowSource source, String optimizer,
            Map<String, Double> means) {
    }

    /** One aggregated row, before ranking and filtering. */
    record BoardRow(String methodId, String methodName, String backboneId, String optimizer, String gradientLevel,
            RowSource source, String citation, Integer seeds, List<Long> runIds, Map<String, SeedStats> metrics,
            SeedStats deltaMPerTask, SeedStats deltaMFlat, Baseline baseline, Double publishedTask,
            Double publishedTaskStd, Double publishedFlat) {
    }

    static List<BoardRow> rows(List<MetricInfo> metrics, List<RunFacts> runs) {
        Map<List<Object>, List<RunFacts>> groups = new LinkedHashMap<>();
        for (RunFacts r : runs) {
            groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        Map<List<String>, Baseline> baselines = baselines(metrics, groups.values());
        List<BoardRow> rows = new ArrayList<>();
        for (List<RunFacts> group : groups.values()) {
            RunFacts first = group.get(0);
            Baseline same = baselines.get(List.of(first.backboneId(), first.optimizer()));
            rows.add(row(metrics, group, same != null ? same : baselines.get(List.of(first.backboneId()))));
        }
        return rows;
    }

    private static List<Object> key(RunFacts r) {
        String publication = r.source() == RowSource.LITERATURE ? r.citation() : "";
        return List.of(r.backboneId(), r.methodId(), r.optimizer(), r.gradientLevel(), r.source(), publication);
    }

    /**
     * The single-task groups to compare with: per backbone and optimizer (key {@code [backbone,
     * optimizer]}), so that a row trained with SGD is compared with single-task networks trained with
     * SGD, and per backbone alone (key {@code [backbone]}) for rows whose optimizer has no single-task
     * group. Among candidates the most trusted source wins, then the one with the most seeds. A
     * baseline must have every metric.
     */
    private static Map<List<String>, Baseline> baselines(List<MetricInfo> metrics, Iterable<List<RunFacts>> groups) {
        Map<List<String>, List<RunFacts>> best = new LinkedHashMap<>();
        Comparator<List<RunFacts>> preference = Comparator
                .<List<RunFacts>>comparingInt(g -> g.get(0).source().tier())
                .thenComparing(g -> g.get(0).source() == RowSource.LITERATURE ? 1 : 0)
                .thenComparing(g -> -seeds(g).orElse(0));
        for (List<RunFacts> g : groups) {
            RunFacts first = g.get(0);
            if (!Method.SINGLE_TASK.equals(first.methodId()) || means(metrics, g).size() < metrics.size()) {
                continue;
            }
            for (List<String> key : List.of(List.of(first.backboneId(), first.optimizer()),
                    List.of(first.backboneId()))) {
                best.merge(key, g, (a, b) -> preference.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<List<String>, Baseline> baselines = new LinkedHashMap<>();
        best.forEach((key, g) -> baselines.put(key, new Baseline(g.stream().map(RunFacts::runId).toList(),
                g.get(0).citation(), g.get(0).source(), g.get(0).optimizer(), means(metrics, g))));
        return baselines;
    }

    private static Map<String, Double> means(List<MetricInfo> metrics, List<RunFacts> group) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (MetricInfo m : metrics) {
            stats(m.key(), group).ifPresent(s -> means.put(m.key(), s.mean()));
        }
        return means;
    }

    private static Optional<SeedStats> stats(String key, List<RunFacts> group) {
        List<Double> values = group.stream().map(r -> r.values().get(key)).filter(v -> v != null).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(SeedStats.of(values));
    }

    private static BoardRow row(List<MetricInfo> metrics, List<RunFacts> group, Baseline baseline) {
        RunFacts first = group.get(0);
        Map<String, SeedStats> stats = new LinkedHashMap<>();
        for (MetricInfo m : metrics) {
            stats(m.key(), group).ifPresent(s -> stats.put(m.key(), s));
        }
        List<Double> perTask = new ArrayList<>();
        List<Double> flat = new ArrayList<>();
        if (baseline != null) {
            for (RunFacts r : group) {
                deltaM(metrics, r, baseline).ifPresent(d -> {
                    perTask.add(d.perTask());
                    flat.add(d.flat());
                });
            }
        }
        boolean complete = !perTask.isEmpty() && perTask.size() == group.size();
        return new BoardRow(first.methodId(), first.methodName(), first.backboneId(), first.optimizer(),
                first.gradientLevel(), first.source(), first.citation(), seeds(group).orElse(null),
                group.stream().map(RunFacts::runId).toList(), stats,
                complete ? SeedStats.of(perTask) : null, complete ? SeedStats.of(flat) : null,
                complete ? baseline : null, first.publishedTask(), first.publishedTaskStd(), first.publishedFlat());
    }

    /** Total seeds of a group; empty when a publication did not state its number of seeds. */
    private static Optional<Integer> seeds(List<RunFacts> group) {
        if (group.stream().anyMatch(r -> r.seeds() == null)) {
            return Optional.empty();
        }
        return Optional.of(group.stream().mapToInt(RunFacts::seeds).sum());
    }

    private static Optional<DeltaM.Result> deltaM(List<MetricInfo> metrics, RunFacts run, Baseline baseline) {
        List<DeltaM.Term> terms = new ArrayList<>();
        for (MetricInfo m : metrics) {
            Double value = run.values().get(m.key());
            Double base = baseline.means().get(m.key());
            if (value == null || base == null || base == 0.0) {
                return Optional.empty();
            }
            terms.add(new DeltaM.Term(m.task(), m.higherIsBetter(), value, base));
        }
        return Optional.of(DeltaM.of(terms));
    }
}
