package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.analysis.ranking.SeedScoring;
import io.mtlboard.leaderboard.SeedStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns analysis rows into the scorings that ranking similarity compares (METRICS.md §5). The
 * single-task baseline is never ranked: it is what Δm is measured against.
 */
final class Scorings {

    /** The name of the test-Δm scoring. */
    static final String DELTA_M = "deltaM";

    private Scorings() {}

    /** Test Δm (mean over seeds) of every MTL row that has one, keyed by row key; higher is better. */
    static Scoring deltaM(List<AnalysisRow> rows) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask() && r.deltaM() != null) {
                values.put(r.key(), r.deltaM().mean());
            }
        }
        return new Scoring(DELTA_M, Orientation.HIGHER_IS_BETTER, values);
    }

    /**
     * One scoring per indicator that some MTL row logged, in the order of {@link Indicator#ALL}: the
     * row's value is the mean over its runs of each run's mean over logged entries.
     */
    static List<Scoring> indicators(List<AnalysisRow> rows) {
        List<Scoring> scorings = new ArrayList<>();
        for (Indicator indicator : Indicator.ALL) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (AnalysisRow r : rows) {
                if (!r.singleTask()) {
                    r.indicator(indicator.key()).ifPresent(s -> values.put(r.key(), s.mean()));
                }
            }
            if (!values.isEmpty()) {
                scorings.add(new Scoring(indicator.key(), indicator.orientation(), values));
            }
        }
        return scorings;
    }

    /**
     * The Δm ranking within each group (a backbone, a benchmark, an optimizer), keyed by
     * {@link AnalysisRow#methodKey()}: a method with several rows in a group (optimizers, sources,
     * publications) scores the mean of their Δm means. Groups in ascending order; groups without
     * any Δm are left out.
     */
    static List<Scoring> deltaMByGroup(
            List<AnalysisRow> rows, Function<AnalysisRow, String> group) {
        Map<String, Map<String, List<Double>>> grouped = new TreeMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask() && r.deltaM() != null) {
                grouped.computeIfAbsent(group.apply(r), g -> new TreeMap<>())
                        .computeIfAbsent(r.methodKey(), m -> new ArrayList<>())
                        .add(r.deltaM().mean());
            }
        }
        List<Scoring> scorings = new ArrayList<>();
        grouped.forEach(
                (name, methods) -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    methods.forEach(
                            (method, deltas) -> values.put(method, SeedStats.of(deltas).mean()));
                    scorings.add(new Scoring(name, Orientation.HIGHER_IS_BETTER, values));
                });
        return scorings;
    }

    /**
     * Test Δm per run of every MTL row that has one (as {@link #deltaM}, before averaging over
     * seeds); a row without per-run values (a literature row) counts its mean as one run.
     */
    static SeedScoring seedDeltaM(List<AnalysisRow> rows) {
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask() && r.deltaM() != null) {
                runs.put(
                        r.key(),
                        r.runDeltaM().isEmpty()
                                ? Map.of(r.runIds().get(0), r.deltaM().mean())
                                : r.runDeltaM());
            }
        }
        return new SeedScoring(DELTA_M, Orientation.HIGHER_IS_BETTER, runs);
    }

    /** An indicator per run at its last logged entry, for the MTL rows that logged it. */
    static SeedScoring seedLastValues(List<AnalysisRow> rows, Indicator indicator) {
        return perRun(rows, indicator, run -> run.last(indicator.key()));
    }

    /** The indicators of {@link #indicators} per run (each run's mean over its logged entries). */
    static List<SeedScoring> seedIndicators(List<AnalysisRow> rows, List<Scoring> present) {
        List<SeedScoring> scorings = new ArrayList<>();
        for (Scoring p : present) {
            Indicator indicator = Indicator.byKey(p.name()).orElseThrow();
            scorings.add(perRun(rows, indicator, run -> run.mean(indicator.key())));
        }
        return scorings;
    }

    /** One value per run of each MTL row, where {@code value} gives one. */
    private static SeedScoring perRun(
            List<AnalysisRow> rows, Indicator indicator, Function<RunSummary, Double> value) {
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask()) {
                Map<Long, Double> values = new LinkedHashMap<>();
                r.runs()
                        .forEach(
                                run -> {
                                    Double v = value.apply(run);
                                    if (v != null) {
                                        values.put(run.runId(), v);
                                    }
                                });
                if (!values.isEmpty()) {
                    runs.put(r.key(), values);
                }
            }
        }
        return new SeedScoring(indicator.key(), indicator.orientation(), runs);
    }

    /**
     * {@link #deltaMByGroup} per run: a method's runs are those of all its rows in the group (their
     * per-run Δm pooled), in the same group order.
     */
    static List<SeedScoring> seedDeltaMByGroup(
            List<AnalysisRow> rows, Function<AnalysisRow, String> group) {
        Map<String, Map<String, Map<Long, Double>>> grouped = new TreeMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask() && r.deltaM() != null) {
                Map<Long, Double> runs =
                        grouped.computeIfAbsent(group.apply(r), g -> new TreeMap<>())
                                .computeIfAbsent(r.methodKey(), m -> new LinkedHashMap<>());
                if (r.runDeltaM().isEmpty()) {
                    runs.put(r.runIds().get(0), r.deltaM().mean());
                } else {
                    runs.putAll(r.runDeltaM());
                }
            }
        }
        List<SeedScoring> scorings = new ArrayList<>();
        grouped.forEach(
                (name, methods) ->
                        scorings.add(
                                new SeedScoring(
                                        name,
                                        Orientation.HIGHER_IS_BETTER,
                                        new LinkedHashMap<>(methods))));
        return scorings;
    }
}
