package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.analysis.robustness.Condition;
import io.mtlboard.analysis.robustness.Robustness;
import io.mtlboard.leaderboard.SeedStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Row-level robustness of METRICS.md §7 (Elich et al., arXiv 2311.04698) from what the worker
 * measured on each run of a row: the relative drop of a metric per severity of one corruption,
 * averaged over the row's runs, and δ_t of the row against the single-task row.
 */
final class CorruptionCurves {

    /** The mean ± std over runs of the relative drop at one severity; positive means worse. */
    public record SeverityDrop(int severity, double mean, Double std, int n) {}

    private CorruptionCurves() {}

    /** Drop per severity of {@code corruption}, over the runs that measured the metric clean and corrupted. */
    static List<SeverityDrop> drops(
            List<WorkerDiagnostics> runs, String metric, String corruption, Orientation o) {
        TreeMap<Integer, List<Double>> bySeverity = new TreeMap<>();
        for (WorkerDiagnostics run : runs) {
            Double clean = run.clean().get(metric);
            if (clean == null || clean == 0) {
                continue;
            }
            run.corrupted()
                    .forEach(
                            (condition, values) -> {
                                Double value = values.get(metric);
                                if (condition.corruption().equals(corruption) && value != null) {
                                    bySeverity
                                            .computeIfAbsent(
                                                    condition.severity(), s -> new ArrayList<>())
                                            .add(Robustness.relativeDrop(clean, value, o));
                                }
                            });
        }
        List<SeverityDrop> drops = new ArrayList<>();
        bySeverity.forEach(
                (severity, values) -> {
                    SeedStats s = SeedStats.of(values);
                    drops.add(new SeverityDrop(severity, s.mean(), s.std(), s.n()));
                });
        return drops;
    }

    /**
     * δ_t of a metric for an MTL row against the single-task row ({@link Robustness#delta}), on the
     * conditions measured for both; each row's clean and corrupted values are means over its runs.
     *
     * @return null when the rows share no measured condition or a clean value is missing or zero
     */
    static Double delta(
            List<WorkerDiagnostics> mtl,
            List<WorkerDiagnostics> stl,
            String metric,
            Orientation o) {
        Double mtlClean = meanClean(mtl, metric);
        Double stlClean = meanClean(stl, metric);
        Map<Condition, Double> mtlCorrupted = meanCorrupted(mtl, metric);
        Map<Condition, Double> stlCorrupted = meanCorrupted(stl, metric);
        mtlCorrupted.keySet().retainAll(stlCorrupted.keySet());
        stlCorrupted.keySet().retainAll(mtlCorrupted.keySet());
        if (mtlClean == null
                || stlClean == null
                || mtlClean == 0
                || stlClean == 0
                || mtlCorrupted.isEmpty()) {
            return null;
        }
        return Robustness.delta(mtlClean, mtlCorrupted, stlClean, stlCorrupted, o);
    }

    /**
     * A 95 % seed-bootstrap interval of {@link #delta}: each of {@code draws} draws resamples the
     * multi-task row's runs and the single-task row's runs with replacement (as many as each has)
     * and recomputes δ_t; the interval is the 2.5th–97.5th percentile of the defined draws
     * (METRICS.md §7). Null when both rows have a single run (there is no seed spread to resample)
     * or fewer than half the draws are defined.
     */
    static SeedBootstrap.Interval deltaInterval(
            List<WorkerDiagnostics> mtl,
            List<WorkerDiagnostics> stl,
            String metric,
            Orientation o,
            int draws,
            long seed) {
        if (mtl.size() < 2 && stl.size() < 2) {
            return null;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[draws];
        int defined = 0;
        for (int d = 0; d < draws; d++) {
            Double v = delta(resample(mtl, random), resample(stl, random), metric, o);
            if (v != null) {
                values[defined++] = v;
            }
        }
        return defined * 2 < draws ? null : SeedBootstrap.percentiles(values, defined);
    }

    private static List<WorkerDiagnostics> resample(
            List<WorkerDiagnostics> runs, SplittableRandom random) {
        List<WorkerDiagnostics> out = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            out.add(runs.get(random.nextInt(runs.size())));
        }
        return out;
    }

    /** Number of conditions measured for the metric in both rows. */
    static int sharedConditions(
            List<WorkerDiagnostics> a, List<WorkerDiagnostics> b, String metric) {
        Map<Condition, Double> x = meanCorrupted(a, metric);
        x.keySet().retainAll(meanCorrupted(b, metric).keySet());
        return x.size();
    }

    private static Double meanClean(List<WorkerDiagnostics> runs, String metric) {
        List<Double> values =
                runs.stream().map(r -> r.clean().get(metric)).filter(v -> v != null).toList();
        return values.isEmpty() ? null : SeedStats.of(values).mean();
    }

    private static Map<Condition, Double> meanCorrupted(
            List<WorkerDiagnostics> runs, String metric) {
        Map<Condition, List<Double>> values = new HashMap<>();
        for (WorkerDiagnostics run : runs) {
            run.corrupted()
                    .forEach(
                            (condition, metrics) -> {
                                Double v = metrics.get(metric);
                                if (v != null) {
                                    values.computeIfAbsent(condition, c -> new ArrayList<>())
                                            .add(v);
                                }
                            });
        }
        Map<Condition, Double> means = new HashMap<>();
        values.forEach((condition, list) -> means.put(condition, SeedStats.of(list).mean()));
        return means;
    }
}
