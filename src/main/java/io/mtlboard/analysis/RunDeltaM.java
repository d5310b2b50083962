package io.mtlboard.analysis;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.metric.DeltaM;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Δm of each run against the mean of the baseline runs (METRICS.md §2), in the convention;
 * runs lacking a metric are left out. Literature rows (one run standing for several seeds) get
 * one value. The benchmark's metrics are read once and each baseline's means once, since the
 * rows of a backbone share their baseline.
 */
final class RunDeltaM {

    private final Map<Long, Map<String, Double>> values;
    private final String[] keys;
    private final String[] tasks;
    private final boolean[] higherIsBetter;
    private final Map<List<Long>, Optional<DeltaM.Against>> baselines = new HashMap<>();

    RunDeltaM(String benchmarkId, Map<Long, Map<String, Double>> values) {
        this.values = values;
        List<BenchmarkMetric> metrics = Benchmark.byId(benchmarkId).orElseThrow().metrics();
        keys = new String[metrics.size()];
        tasks = new String[metrics.size()];
        higherIsBetter = new boolean[metrics.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = metrics.get(i).key();
            tasks[i] = metrics.get(i).task.name;
            higherIsBetter[i] = metrics.get(i).higherIsBetter;
        }
    }

    Map<Long, Double> of(List<Long> runIds, List<Long> baselineRuns, DeltaM.Convention convention) {
        DeltaM.Against against =
                baselines
                        .computeIfAbsent(baselineRuns, b -> Optional.ofNullable(against(b)))
                        .orElse(null);
        if (against == null) {
            return Map.of();
        }
        Map<Long, Double> result = new LinkedHashMap<>();
        double[] model = new double[keys.length];
        for (Long id : runIds) {
            if (values(values.getOrDefault(id, Map.of()), model)) {
                DeltaM.Result d = against.of(model);
                result.put(id, convention == DeltaM.Convention.FLAT ? d.flat() : d.perTask());
            }
        }
        return result;
    }

    /** A run's value of every metric into {@code model}; false when it lacks one. */
    private boolean values(Map<String, Double> run, double[] model) {
        for (int i = 0; i < keys.length; i++) {
            Double value = run.get(keys[i]);
            if (value == null) {
                return false;
            }
            model[i] = value;
        }
        return true;
    }

    /**
     * Δm against the means of the baseline runs; null when a metric has no baseline value, or
     * a zero mean (no run's relative change is defined then).
     */
    private DeltaM.Against against(List<Long> baselineRuns) {
        double[] base = means(baselineRuns);
        if (base == null) {
            return null;
        }
        for (double b : base) {
            if (b == 0.0) {
                return null;
            }
        }
        return new DeltaM.Against(tasks, higherIsBetter, base);
    }

    /** The mean of each metric over the baseline runs that have it; null when one has none. */
    private double[] means(List<Long> baselineRuns) {
        double[] base = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            List<Double> b =
                    baselineRuns.stream()
                            .map(id -> values.getOrDefault(id, Map.of()).get(key))
                            .filter(Objects::nonNull)
                            .toList();
            if (b.isEmpty()) {
                return null;
            }
            base[i] = b.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        return base;
    }
}
