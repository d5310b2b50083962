package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.run.RowSource;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the analyses that pair rows differing in one setting: parameter- against feature-level
 * gradients (Mao et al., arXiv 2402.03557) and SGD against Adam (Elich et al., arXiv 2311.04698).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PairedAnalysisService {

    static final int MIN_PAIRS = 5;

    private final AnalysisData data;
    private final MtlboardConfig config;
    private volatile List<PublishedPareto.Publication> published;

    public PairedAnalysisService(AnalysisData data, MtlboardConfig config) {
        this.data = data;
        this.config = config;
    }

    /** Parameter- against feature-level rows; the {@code gradientLevel} filter does not apply. */
    public LevelsView levels(AnalysisFilter filter) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        checks.done("the gradient-level analysis");
        Scope both =
                new Scope(
                        scope.benchmark(),
                        scope.backbones(),
                        scope.optimizers(),
                        List.of(),
                        scope.sources(),
                        scope.methods(),
                        scope.convention());
        List<AnalysisRow> all = data.rows(both);
        List<PairView> pairs =
                sorted(
                        Pairing.pair(comparable(all, scope), "gradientLevel", "param", "feature")
                                .stream()
                                .map(p -> PairView.of(p, "gradientLevel"))
                                .toList());
        int gaining =
                (int) pairs.stream().filter(p -> Boolean.TRUE.equals(p.secondBetter())).count();
        String message =
                pairs.isEmpty()
                        ? "No data yet: no method of this benchmark has both a parameter-level and a feature-level row under "
                                + "these filters."
                        : thin(pairs);
        return new LevelsView(
                both,
                pairs,
                gaining,
                message,
                claimedLeftOut(
                        Pairing.pair(claimed(all, scope), "gradientLevel", "param", "feature")
                                .size()));
    }

    /**
     * SGD and signSGD against Adam rows of the same method, and the Pareto counts per setting; the
     * {@code optimizer} filter does not apply, single-task rows are never paired.
     */
    public OptimizersView optimizers(AnalysisFilter filter, String coefficient, String k) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        CoefficientChoice choice = CoefficientChoice.parse(checks, coefficient, k);
        checks.done("the optimizer analysis");
        Scope both =
                new Scope(
                        scope.benchmark(),
                        scope.backbones(),
                        List.of("adam", "sgd", "signsgd"),
                        scope.gradientLevels(),
                        scope.sources(),
                        scope.methods(),
                        scope.convention());
        List<AnalysisRow> all = data.rows(both);
        List<AnalysisRow> rows =
                comparable(all, scope).stream().filter(r -> !r.singleTask()).toList();
        List<PairView> pairs =
                sorted(
                        Pairing.pair(rows, "optimizer", "sgd", "adam").stream()
                                .map(p -> PairView.of(p, "optimizer"))
                                .toList());
        List<PairView> signPairs =
                sorted(
                        Pairing.pair(rows, "optimizer", "signsgd", "adam").stream()
                                .map(p -> PairView.of(p, "optimizer"))
                                .toList());
        int adamBetter =
                (int) pairs.stream().filter(p -> Boolean.TRUE.equals(p.secondBetter())).count();
        int adamBetterThanSign =
                (int) signPairs.stream().filter(p -> Boolean.TRUE.equals(p.secondBetter())).count();
        List<AnalysisRow> adamSgd =
                rows.stream().filter(r -> !r.optimizer().equals("signsgd")).toList();
        List<Scoring> byOptimizer = Scorings.deltaMByGroup(adamSgd, AnalysisRow::optimizer);
        Scoring adam =
                byOptimizer.stream()
                        .filter(s -> s.name().equals("adam"))
                        .findFirst()
                        .orElse(new Scoring("adam", Orientation.HIGHER_IS_BETTER, Map.of()));
        Scoring sgd =
                byOptimizer.stream()
                        .filter(s -> s.name().equals("sgd"))
                        .findFirst()
                        .orElse(new Scoring("sgd", Orientation.HIGHER_IS_BETTER, Map.of()));
        Agreement agreement = RankingSimilarity.compare(adam, sgd, choice.coefficient());
        String message =
                pairs.isEmpty()
                        ? "No data yet: no method of this benchmark has both an Adam and an SGD row under these filters."
                        : thin(pairs);
        List<BenchmarkMetric> metrics =
                Benchmark.byId(scope.benchmark().id()).orElseThrow().metrics();
        return new OptimizersView(
                both,
                choice,
                pairs,
                adamBetter,
                agreement,
                message,
                claimedLeftOut(
                        Pairing.pair(claimed(all, scope), "optimizer", "sgd", "adam").size()
                                + Pairing.pair(claimed(all, scope), "optimizer", "signsgd", "adam")
                                        .size()),
                signPairs,
                adamBetterThanSign,
                ParetoSettings.of(rows, metrics, published()),
                sources(pairs, signPairs));
    }

    /**
     * The rows that may be paired. Claimed rows — a submitter's numbers without a verified model —
     * never stand beside evidence (leaderboard rules, docs/LEADERBOARD.md §5): they are paired
     * only when the source filter asks for claimed rows alone, and then only with each other.
     */
    static List<AnalysisRow> comparable(List<AnalysisRow> rows, Scope scope) {
        if (claimedOnly(scope)) {
            return rows;
        }
        return rows.stream().filter(r -> !RowSource.CLAIMED.id().equals(r.source())).toList();
    }

    /** The claimed rows {@link #comparable} leaves out; none when the filter asks for them. */
    private static List<AnalysisRow> claimed(List<AnalysisRow> rows, Scope scope) {
        if (claimedOnly(scope)) {
            return List.of();
        }
        return rows.stream().filter(r -> RowSource.CLAIMED.id().equals(r.source())).toList();
    }

    private static boolean claimedOnly(Scope scope) {
        return scope.sources().equals(List.of(RowSource.CLAIMED.id()));
    }

    /** The note that claimed pairs were left out, with how to see them; none when there are none. */
    private static List<String> claimedLeftOut(int pairs) {
        return pairs == 0
                ? List.of()
                : List.of(
                        pairs
                                + " pair(s) of claimed rows (submitters' numbers without a verified model) are left out: "
                                + "claimed rows are never compared beside evidence; the source filter \"claimed\" shows "
                                + "them alone.");
    }

    /** One line per source of the pairs: what its rows are, and what their Δm is taken against. */
    private static List<String> sources(List<PairView> pairs, List<PairView> signPairs) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        pairs.forEach(p -> counts.computeIfAbsent(source(p), k -> new int[2])[0]++);
        signPairs.forEach(p -> counts.computeIfAbsent(source(p), k -> new int[2])[1]++);
        List<String> lines = new ArrayList<>();
        counts.forEach(
                (line, n) -> lines.add(n[0] + " SGD and " + n[1] + " signSGD pair(s) " + line));
        return lines;
    }

    private static String source(PairView p) {
        return switch (RowSource.parse(p.source()).orElseThrow()) {
            case LITERATURE -> "published: " + p.citation();
            case REFERENCE ->
                    "reference: trained and evaluated by MTLBoard under its reference protocols, Δm against "
                            + "the single-task row of the same protocol and backbone";
            case VERIFIED ->
                    "verified: submitted models re-evaluated by MTLBoard's worker, Δm against the single-task "
                            + "row of the submissions of the same backbone, or where there is none the newest "
                            + "reference protocol's (cross-protocol)";
            case CLAIMED ->
                    "claimed, unverified: the submitters' own numbers without a verified model, not measured "
                            + "by MTLBoard; paired only with each other";
        };
    }

    private List<PublishedPareto.Publication> published() {
        List<PublishedPareto.Publication> loaded = published;
        if (loaded == null) {
            loaded = PublishedPareto.load(Path.of(config.benchmarksDir(), "optimizers"));
            published = loaded;
        }
        return loaded;
    }

    /** Pairs with the largest difference first, then by method and backbone; pairs without a difference last. */
    static List<PairView> sorted(List<PairView> pairs) {
        List<PairView> sorted = new ArrayList<>(pairs);
        sorted.sort(
                Comparator.comparing(
                                PairView::difference,
                                Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(PairView::methodName)
                        .thenComparing(p -> p.backbone().id()));
        return sorted;
    }

    /** Says when the pairs are too few, or too noisy, to conclude; null when they suffice. */
    static String thin(List<PairView> pairs) {
        long withDifference =
                pairs.stream().map(PairView::difference).filter(Objects::nonNull).count();
        if (withDifference < MIN_PAIRS) {
            return "Too little data to conclude: "
                    + withDifference
                    + " pair(s) with Δm on both sides; at least "
                    + MIN_PAIRS
                    + " are needed before reading a pattern.";
        }
        if (pairs.stream().noneMatch(p -> p.clear() != null)) {
            return "Too little data to conclude per method: no pair has two or more seeds on both sides, so no "
                    + "difference can be told apart from seed noise.";
        }
        return null;
    }
}
