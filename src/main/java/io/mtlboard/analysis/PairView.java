package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.training.StepCost;
import java.util.List;
import java.util.function.Function;

/**
 * One method run two ways on the same backbone (e.g. parameter- and feature-level gradients, or
 * SGD and Adam): both rows' Δm and training time, and how the second compares with the first.
 *
 * @param difference Δm of the second minus Δm of the first (gain sign: positive = the second is
 *     better); null when either has no Δm
 * @param secondBetter whether the difference is positive; null without a difference
 * @param benchmark the benchmark of both rows
 * @param setting the setting of both rows (backbone × protocol), id and label
 * @param clear whether the difference exceeds the sum of both rows' standard deviations of Δm over
 *     seeds (METRICS.md §9): measured over two or more seeds, or for literature rows the std their
 *     publication printed when it is the std of the Δm shown; null when a side has neither, when
 *     seed noise cannot be told apart
 * @param timeRatio training time of the second over the first: of the CPU time per step when both
 *     sides have a measured step cost, else of the logged training time (mean over runs); null when
 *     neither is known
 * @param timeBasis what {@code timeRatio} compares: {@code step-cost} or {@code logged}; null
 *     without a ratio
 * @param citation the publication of literature rows, else null
 * @param pooledStd the setting's pooled seed std of Δm that stood in for a side without a spread
 *     of its own in {@code clear} (as the leaderboard ranks single-seed rows, {@link
 *     io.mtlboard.leaderboard.SeedNoise}); null when both sides had their own or none could stand in
 */
public record PairView(
        String method,
        String methodName,
        Ref benchmark,
        Ref backbone,
        LeaderboardView.SettingRef setting,
        String source,
        Side first,
        Side second,
        Double difference,
        Boolean secondBetter,
        Boolean clear,
        Double timeRatio,
        String timeBasis,
        String citation,
        Double pooledStd) {

    /** {@link #timeBasis} of a ratio of measured CPU milliseconds per training step. */
    public static final String STEP_COST = "step-cost";

    /** {@link #timeBasis} of a ratio of logged training wall times. */
    public static final String LOGGED = "logged";

    /**
     * One row of the pair.
     *
     * @param setting the value that differs, e.g. {@code param} or {@code adam}
     * @param other the other setting the two rows share, e.g. the optimizer or the gradient level
     * @param deltaM Δm over the row's runs; a literature row has one run standing for a published
     *     mean, so no std over seeds here: see {@code printedDeltaMStd}
     * @param trainingSeconds total logged training time, mean ± std over runs; null when not logged
     * @param stepCpuMs CPU milliseconds per training step of the row's configuration, measured back
     *     to back with the other configurations of its protocol ({@link StepCost}); null when not
     *     measured
     * @param seeds the row's seeds: distinct seeds of MTLBoard runs, the reported count of a
     *     literature row; null when its publication did not state it
     * @param printedDeltaMStd the Δm std over seeds the publication printed, labelled with the
     *     convention it was printed for and whether it applies to the Δm shown; null for other rows
     */
    public record Side(
            String key,
            String label,
            String setting,
            String other,
            LeaderboardView.Stat deltaM,
            LeaderboardView.Stat trainingSeconds,
            StepCost.Spread stepCpuMs,
            Integer seeds,
            PrintedStd printedDeltaMStd) {}

    static PairView of(Pairing.Pair pair, String dimension) {
        return of(pair, dimension, r -> null, r -> null);
    }

    /**
     * The pair, with the measured step cost of each row where {@code stepCost} knows it (null
     * otherwise): when both sides have one, the time ratio compares them, not the logged times. A
     * side without a spread of its own is judged with {@code standIn} of its row (the pooled seed
     * std of its setting, or null).
     */
    static PairView of(
            Pairing.Pair pair,
            String dimension,
            Function<AnalysisRow, StepCost.Spread> stepCost,
            Function<AnalysisRow, Double> standIn) {
        AnalysisRow a = pair.first();
        AnalysisRow b = pair.second();
        Side first = side(a, dimension, stepCost.apply(a));
        Side second = side(b, dimension, stepCost.apply(b));
        Double difference =
                a.deltaM() == null || b.deltaM() == null
                        ? null
                        : b.deltaM().mean() - a.deltaM().mean();
        Double pooled = null;
        if (a.deltaMSpread() == null || b.deltaMSpread() == null) {
            pooled = a.deltaMSpread() == null ? standIn.apply(a) : standIn.apply(b);
        }
        Double spreadA = a.deltaMSpread() == null ? pooled : a.deltaMSpread();
        Double spreadB = b.deltaMSpread() == null ? pooled : b.deltaMSpread();
        Boolean clear =
                difference == null || spreadA == null || spreadB == null
                        ? null
                        : Math.abs(difference) > spreadA + spreadB;
        Double ratio;
        String basis;
        if (first.stepCpuMs() != null && second.stepCpuMs() != null) {
            ratio = second.stepCpuMs().median() / first.stepCpuMs().median();
            basis = STEP_COST;
        } else if (first.trainingSeconds() == null
                || second.trainingSeconds() == null
                || first.trainingSeconds().mean() == 0) {
            ratio = null;
            basis = null;
        } else {
            ratio = second.trainingSeconds().mean() / first.trainingSeconds().mean();
            basis = LOGGED;
        }
        return new PairView(
                a.methodId(),
                a.methodName(),
                new Ref(a.benchmarkId(), a.benchmarkName()),
                new Ref(a.backboneId(), a.backboneName()),
                a.settingId() == null
                        ? null
                        : new LeaderboardView.SettingRef(a.settingId(), a.settingLabel()),
                a.source(),
                first,
                second,
                difference,
                difference == null ? null : difference > 0,
                clear,
                ratio,
                basis,
                a.citation(),
                clear == null ? null : pooled);
    }

    /**
     * The setting the pair belongs to, benchmark × backbone × protocol: a method is paired once
     * per setting, and the tables head each setting's pairs with its name.
     */
    public String settingKey() {
        return benchmark.id() + "/" + (setting == null ? backbone.id() : setting.id());
    }

    /** The setting's name: its label, or the backbone's name for a row without a protocol. */
    public String settingName() {
        return setting == null ? backbone.name() : setting.label();
    }

    private static Side side(AnalysisRow r, String dimension, StepCost.Spread stepCpuMs) {
        boolean byOptimizer = dimension.equals("optimizer");
        return new Side(
                r.key(),
                r.label(),
                byOptimizer ? r.optimizer() : r.gradientLevel(),
                byOptimizer ? r.gradientLevel() : r.optimizer(),
                r.deltaM(),
                Stats.of(r.trainingSeconds()),
                stepCpuMs,
                r.seeds(),
                r.printedDeltaMStd());
    }

    /**
     * How many pairs differ beyond the seed spread ({@code clear}): with the second row better,
     * and with it worse.
     */
    public record Clear(int better, int worse) {

        static Clear of(List<PairView> pairs) {
            int better = 0;
            int worse = 0;
            for (PairView p : pairs) {
                if (Boolean.TRUE.equals(p.clear()) && p.secondBetter() != null) {
                    if (p.secondBetter()) {
                        better++;
                    } else {
                        worse++;
                    }
                }
            }
            return new Clear(better, worse);
        }
    }
}
