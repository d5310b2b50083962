package io.mtlboard.analysis;

import io.mtlboard.benchmark.Method;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.leaderboard.SeedStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A leaderboard row (benchmark × backbone × method × optimizer × gradient level × source, over
 * seeds) with the training-log summaries of its runs: the unit every analysis page ranks, plots
 * and pairs. Statistics over seeds are mean ± sample std of per-run values ({@link SeedStats}).
 *
 * @param key a stable id of the row within its benchmark
 * @param label method label · backbone · optimizer · source, for chart legends
 * @param methodName the method's name; {@code methodLabel} names the variant, e.g. MGDA-UB at the feature level
 * @param citation the publication of a literature row (part of its identity), else null
 * @param deltaM Δm over seeds in the requested convention (gain sign), null without a baseline
 * @param metrics metric key → mean ± std over seeds
 * @param runs one summary per run of the row that has a training log
 * @param runDeltaM Δm of each run of the row against the row's baseline means, in the requested
 *     convention (gain sign), by run id; empty without a baseline, and unless the analysis asked
 *     for it ({@link AnalysisData#rows(Scope, boolean)})
 * @param settingId the row's setting ({@code backbone@protocol}), null in unit tests' rows
 * @param benchmarkName the benchmark's name
 * @param settingLabel the setting's label, e.g. "SegNet · Elich et al. NYUv2 SegNet"
 * @param seeds the row's seeds as the leaderboard counts them: distinct seeds of MTLBoard runs, the
 *     reported count of a literature row (its one run stands for a published mean); null when a
 *     publication did not state it
 * @param printedDeltaMStd the std of Δm over seeds the publication printed, for a literature row;
 *     else null
 */
record AnalysisRow(
        String key,
        String label,
        String benchmarkId,
        String methodId,
        String methodName,
        String methodLabel,
        String backboneId,
        String backboneName,
        String optimizer,
        String gradientLevel,
        String source,
        String citation,
        List<Long> runIds,
        LeaderboardView.Stat deltaM,
        Map<String, LeaderboardView.Stat> metrics,
        List<RunSummary> runs,
        Map<Long, Double> runDeltaM,
        String settingId,
        String benchmarkName,
        String settingLabel,
        Integer seeds,
        PrintedStd printedDeltaMStd) {

    AnalysisRow {
        runIds = List.copyOf(runIds);
        metrics = Map.copyOf(metrics);
        runs = List.copyOf(runs);
        runDeltaM = Map.copyOf(runDeltaM);
    }

    /** Whether this is the single-task baseline, which rankings of MTL methods leave out. */
    boolean singleTask() {
        return Method.SINGLE_TASK.equals(methodId);
    }

    /**
     * The method as ranked across backbones, datasets and optimizers: its id, with {@code @feature}
     * appended for the feature-level variant (e.g. MGDA-UB), which is a different method in effect.
     */
    String methodKey() {
        return "feature".equals(gradientLevel) ? methodId + "@feature" : methodId;
    }

    /**
     * The spread of the row's Δm over seeds that pair verdicts use (METRICS.md §9): the sample std
     * of its runs' Δm when it has two or more, else the std its publication printed when that is
     * the std of the Δm shown ({@link PrintedStd#applies()}) and stands for two or more seeds; null
     * when neither is known.
     */
    Double deltaMSpread() {
        if (deltaM == null) {
            return null;
        }
        if (deltaM.std() != null) {
            return deltaM.std();
        }
        if (printedDeltaMStd != null && printedDeltaMStd.applies() && seeds != null && seeds >= 2) {
            return printedDeltaMStd.std();
        }
        return null;
    }

    /** The row's identity without one dimension, for pairing rows that differ only in it. */
    List<Object> identityWithout(String dimension) {
        List<Object> id =
                new ArrayList<>(
                        List.of(
                                benchmarkId,
                                methodId,
                                backboneId,
                                Objects.requireNonNullElse(settingId, backboneId),
                                source,
                                Objects.requireNonNullElse(citation, "")));
        if (!dimension.equals("optimizer")) {
            id.add(optimizer);
        }
        if (!dimension.equals("gradientLevel")) {
            id.add(gradientLevel);
        }
        return id;
    }

    /** Mean ± std over this row's runs of the run mean of an indicator; empty when none logged it. */
    Optional<SeedStats> indicator(String key) {
        return over(r -> r.mean(key));
    }

    /** Mean ± std over runs of the indicator's value in the last logged epoch of each run. */
    Optional<SeedStats> lastValue(String key) {
        return over(r -> r.last(key));
    }

    /** Mean ± std over runs of the total logged training time. */
    Optional<SeedStats> trainingSeconds() {
        return over(RunSummary::trainingSeconds);
    }

    /** Per epoch, mean ± std over the runs that logged the indicator in that epoch. */
    List<EpochStat> curve(String key) {
        TreeMap<Integer, List<Double>> byEpoch = new TreeMap<>();
        for (RunSummary r : runs) {
            var a = r.indicators().get(key);
            if (a != null) {
                a.perEpoch()
                        .forEach(
                                (epoch, value) ->
                                        byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>())
                                                .add(value));
            }
        }
        List<EpochStat> curve = new ArrayList<>();
        byEpoch.forEach((epoch, values) -> curve.add(EpochStat.of(epoch, SeedStats.of(values))));
        return curve;
    }

    /** Every per-epoch value of an indicator over all runs, e.g. for a histogram. */
    List<Double> epochValues(String key) {
        List<Double> values = new ArrayList<>();
        for (RunSummary r : runs) {
            var a = r.indicators().get(key);
            if (a != null) {
                values.addAll(a.perEpoch().values());
            }
        }
        return values;
    }

    private Optional<SeedStats> over(Function<RunSummary, Double> value) {
        List<Double> values = runs.stream().map(value).filter(Objects::nonNull).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(SeedStats.of(values));
    }
}
