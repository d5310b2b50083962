package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;

/**
 * One method run two ways on the same backbone (e.g. parameter- and feature-level gradients, or
 * SGD and Adam): both rows' Δm and training time, and how the second compares with the first.
 *
 * @param difference Δm of the second minus Δm of the first (gain sign: positive = the second is
 *     better); null when either has no Δm
 * @param secondBetter whether the difference is positive; null without a difference
 * @param clear whether the difference exceeds the sum of both standard deviations over seeds;
 *     null unless both rows have at least two seeds, when seed noise cannot be told apart
 * @param timeRatio training time of the second over the first (mean over runs), null when not logged
 * @param citation the publication of literature rows, else null
 */
public record PairView(
        String method,
        String methodName,
        Ref backbone,
        String source,
        Side first,
        Side second,
        Double difference,
        Boolean secondBetter,
        Boolean clear,
        Double timeRatio,
        String citation) {

    /**
     * One row of the pair.
     *
     * @param setting the value that differs, e.g. {@code param} or {@code adam}
     * @param other the other setting the two rows share, e.g. the optimizer or the gradient level
     * @param trainingSeconds total logged training time, mean ± std over runs; null when not logged
     */
    public record Side(
            String key,
            String label,
            String setting,
            String other,
            LeaderboardView.Stat deltaM,
            LeaderboardView.Stat trainingSeconds,
            int seeds) {}

    static PairView of(Pairing.Pair pair, String dimension) {
        AnalysisRow a = pair.first();
        AnalysisRow b = pair.second();
        Side first = side(a, dimension);
        Side second = side(b, dimension);
        Double difference =
                a.deltaM() == null || b.deltaM() == null
                        ? null
                        : b.deltaM().mean() - a.deltaM().mean();
        Boolean clear = null;
        if (difference != null && a.deltaM().std() != null && b.deltaM().std() != null) {
            clear = Math.abs(difference) > a.deltaM().std() + b.deltaM().std();
        }
        Double ratio =
                first.trainingSeconds() == null
                                || second.trainingSeconds() == null
                                || first.trainingSeconds().mean() == 0
                        ? null
                        : second.trainingSeconds().mean() / first.trainingSeconds().mean();
        return new PairView(
                a.methodId(),
                a.methodName(),
                new Ref(a.backboneId(), a.backboneName()),
                a.source(),
                first,
                second,
                difference,
                difference == null ? null : difference > 0,
                clear,
                ratio,
                a.citation());
    }

    private static Side side(AnalysisRow r, String dimension) {
        boolean byOptimizer = dimension.equals("optimizer");
        return new Side(
                r.key(),
                r.label(),
                byOptimizer ? r.optimizer() : r.gradientLevel(),
                byOptimizer ? r.gradientLevel() : r.optimizer(),
                r.deltaM(),
                Stats.of(r.trainingSeconds()),
                r.runIds().size());
    }
}
