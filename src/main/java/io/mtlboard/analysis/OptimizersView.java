package io.mtlboard.analysis;

import io.mtlboard.analysis.pareto.ParetoFront;
import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analysis/optimizers}: each method trained with SGD (and with signSGD) and with
 * Adam in the same setting, from the same source and publication, paired (Elich et al., arXiv
 * 2311.04698: Adam is a strong MTL baseline). In each pair {@code first} is SGD (or signSGD) and
 * {@code second} Adam, so a positive difference means Adam is better. Single-task rows are the
 * baseline of Δm, not a method, and are never paired. Without a benchmark the view spans every
 * benchmark ({@code scope.benchmark} null): pairs and Pareto counts stay within one setting, and
 * rankings are compared within one benchmark.
 *
 * @param pairs SGD against Adam, by benchmark, then best Adam gain first
 * @param adamBetter pairs where Adam's Δm is higher
 * @param clear pairs where Adam is better, or worse, beyond the seed spread
 * @param agreement agreement of the method rankings by Δm under Adam and under SGD on the
 *     benchmark; null when the view spans every benchmark (see {@code agreements})
 * @param message the "no data yet" or "too little data" statement, or null
 * @param signSgdPairs signSGD against Adam, by benchmark, then best Adam gain first
 * @param adamBetterThanSignSgd signSGD pairs where Adam's Δm is higher
 * @param pareto Elich et al.'s Pareto-count view (Table 2 / A2) recomputed per setting, with the
 *     printed counts where the setting is a published table
 * @param sources one line per source of the pairs: where its rows come from and under which protocol
 * @param agreements the agreement of the rankings per benchmark that has an SGD pair, never across
 *     benchmarks
 * @param settings the settings the pairs come from, by benchmark, with their number of pairs
 * @param shown one sentence naming the benchmarks and settings shown
 */
public record OptimizersView(
        Scope scope,
        CoefficientChoice coefficient,
        List<PairView> pairs,
        int adamBetter,
        PairView.Clear clear,
        Agreement agreement,
        String message,
        List<String> notes,
        List<PairView> signSgdPairs,
        int adamBetterThanSignSgd,
        List<ParetoSetting> pareto,
        List<String> sources,
        List<BenchmarkAgreement> agreements,
        List<SettingPairs> settings,
        String shown) {

    /** The agreement of the method rankings by Δm under Adam and under SGD on one benchmark. */
    public record BenchmarkAgreement(Ref benchmark, Agreement agreement) {}

    /**
     * A setting that pairs come from.
     *
     * @param sources the sources of its pairs
     * @param sgdPairs its SGD–Adam pairs
     * @param signSgdPairs its signSGD–Adam pairs
     */
    public record SettingPairs(
            Ref benchmark,
            LeaderboardView.SettingRef setting,
            List<String> sources,
            int sgdPairs,
            int signSgdPairs) {}

    /**
     * The Pareto counts of one setting: rows of methods (seed means) compared on every metric.
     *
     * @param benchmark the setting's benchmark
     * @param setting the setting (backbone × protocol), id and label
     * @param citation the publication of literature rows, else null
     * @param adam Adam rows: how many, Pareto optimal among all Adam and SGD rows, and against SGD only
     * @param sgd SGD rows, likewise against Adam
     * @param published the counts the publication printed for this setting, or null
     */
    public record ParetoSetting(
            Ref benchmark,
            LeaderboardView.SettingRef setting,
            String backbone,
            String backboneName,
            String source,
            String citation,
            String gradientLevel,
            ParetoFront.GroupCount adam,
            ParetoFront.GroupCount sgd,
            PublishedCounts published) {}

    /**
     * Counts as printed (Elich et al. Table 2 and Table A2), over single seeds.
     *
     * @param unit what was counted
     * @param note an inconsistency of the printed counts, or null
     */
    public record PublishedCounts(
            String citation,
            String paper,
            String unit,
            int adamFull,
            int adamAgainstSgd,
            int sgdFull,
            int sgdAgainstAdam,
            Map<String, Integer> adamPerMethod,
            int adamTotal,
            Map<String, Integer> sgdPerMethod,
            int sgdTotal,
            String note) {}
}
