package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.SeedNoise;
import io.mtlboard.leaderboard.SeedStats;
import io.mtlboard.run.RowSource;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

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
        StepCosts stepCosts = new StepCosts(Path.of(config.benchmarksDir()));
        List<AnalysisRow> comparable = comparable(all, scope);
        Function<AnalysisRow, Double> standIn = standIns(comparable);
        List<PairView> pairs =
                sorted(
                        Pairing.pair(comparable, "gradientLevel", "param", "feature").stream()
                                .map(p -> PairView.of(p, "gradientLevel", stepCosts::of, standIn))
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
                PairView.Clear.of(pairs),
                LevelsView.bySetting(pairs),
                message,
                concat(
                        stepCosts.notes(),
                        featureLevelCaveats(pairs),
                        claimedLeftOut(
                                Pairing.pair(
                                                claimed(all, scope),
                                                "gradientLevel",
                                                "param",
                                                "feature")
                                        .size())));
    }

    /**
     * The registry's feature-level caveat of each paired method that has one (methods that carry
     * per-coordinate task gradients across steps), once per method, in the order of the pairs.
     */
    static List<String> featureLevelCaveats(List<PairView> pairs) {
        Map<String, String> caveats = new LinkedHashMap<>();
        for (PairView p : pairs) {
            if (!caveats.containsKey(p.method())) {
                caveats.put(
                        p.method(),
                        Method.byId(p.method()).map(m -> m.featureLevelCaveat).orElse(null));
            }
        }
        return caveats.values().stream().filter(Objects::nonNull).toList();
    }

    /**
     * For every row, the seed std of Δm pooled over the rows of its setting (backbone × protocol)
     * that have two or more seeds — single-task rows aside, as the leaderboard pools over its
     * ranked rows — where it rests on enough degrees of freedom to stand in for a single-seed row's
     * spread ({@link SeedNoise#standIn()}); null otherwise.
     */
    static Function<AnalysisRow, Double> standIns(List<AnalysisRow> rows) {
        Map<String, List<AnalysisRow>> bySetting = new HashMap<>();
        for (AnalysisRow r : rows) {
            if (!r.singleTask() && r.deltaM() != null) {
                bySetting.computeIfAbsent(SettingChoice.of(r), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Double> standIn = new HashMap<>();
        bySetting.forEach(
                (setting, members) -> {
                    List<SeedStats> deltaM = new ArrayList<>();
                    List<Double> spreads = new ArrayList<>();
                    for (AnalysisRow r : members) {
                        deltaM.add(
                                new SeedStats(r.deltaM().n(), r.deltaM().mean(), r.deltaM().std()));
                        spreads.add(r.deltaMSpread());
                    }
                    Double s = SeedNoise.of(deltaM, spreads).standIn();
                    if (s != null) {
                        standIn.put(setting, s);
                    }
                });
        return r -> standIn.get(SettingChoice.of(r));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    /**
     * SGD and signSGD against Adam rows of the same method, and the Pareto counts per setting; the
     * {@code optimizer} filter does not apply, single-task rows are never paired. Without a
     * benchmark, every benchmark: pairs and Pareto counts are per setting anyway, and the rankings
     * are compared per benchmark.
     */
    public OptimizersView optimizers(AnalysisFilter filter, String coefficient, String k) {
        Checks checks = new Checks();
        Scope scope = checks.scopeOrAll(filter);
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
        List<Ref> benchmarks =
                scope.benchmark() == null
                        ? Benchmark.allByName().stream().map(b -> new Ref(b.id, b.name)).toList()
                        : List.of(scope.benchmark());
        Map<String, List<BenchmarkMetric>> metrics = new HashMap<>();
        List<AnalysisRow> rows = new ArrayList<>();
        List<PairView> pairs = new ArrayList<>();
        List<PairView> signPairs = new ArrayList<>();
        List<OptimizersView.BenchmarkAgreement> agreements = new ArrayList<>();
        int claimedPairs = 0;
        for (Ref b : benchmarks) {
            metrics.put(b.id(), Benchmark.byId(b.id()).orElseThrow().metrics());
            List<AnalysisRow> all = data.rows(both.with(b, both.backbones(), both.methods()));
            List<AnalysisRow> of =
                    comparable(all, scope).stream().filter(r -> !r.singleTask()).toList();
            List<AnalysisRow> claimed = claimed(all, scope);
            claimedPairs +=
                    Pairing.pair(claimed, "optimizer", "sgd", "adam").size()
                            + Pairing.pair(claimed, "optimizer", "signsgd", "adam").size();
            rows.addAll(of);
            List<Pairing.Pair> sgd = Pairing.pair(of, "optimizer", "sgd", "adam");
            Function<AnalysisRow, Double> standIn = standIns(of);
            sgd.forEach(p -> pairs.add(PairView.of(p, "optimizer", r -> null, standIn)));
            Pairing.pair(of, "optimizer", "signsgd", "adam")
                    .forEach(p -> signPairs.add(PairView.of(p, "optimizer", r -> null, standIn)));
            if (scope.benchmark() != null || !sgd.isEmpty()) {
                agreements.add(new OptimizersView.BenchmarkAgreement(b, agreement(of, choice)));
            }
        }
        List<PairView> sortedPairs = sorted(pairs);
        List<PairView> sortedSignPairs = sorted(signPairs);
        int adamBetter =
                (int)
                        sortedPairs.stream()
                                .filter(p -> Boolean.TRUE.equals(p.secondBetter()))
                                .count();
        int adamBetterThanSign =
                (int)
                        sortedSignPairs.stream()
                                .filter(p -> Boolean.TRUE.equals(p.secondBetter()))
                                .count();
        String message =
                sortedPairs.isEmpty()
                        ? "No data yet: no method of "
                                + (scope.benchmark() == null ? "any benchmark" : "this benchmark")
                                + " has both an Adam and an SGD row under these filters."
                        : thin(sortedPairs);
        List<OptimizersView.SettingPairs> settings = settings(sortedPairs, sortedSignPairs);
        return new OptimizersView(
                both,
                choice,
                sortedPairs,
                adamBetter,
                PairView.Clear.of(sortedPairs),
                scope.benchmark() == null ? null : agreements.get(0).agreement(),
                message,
                notes(
                        printedStdNotes(sortedPairs, sortedSignPairs, scope),
                        claimedLeftOut(claimedPairs)),
                sortedSignPairs,
                adamBetterThanSign,
                ParetoSettings.of(rows, metrics::get, published()),
                sources(sortedPairs, sortedSignPairs),
                agreements,
                settings,
                shown(scope, settings));
    }

    /** The agreement of the method rankings by Δm under Adam and under SGD among some rows. */
    private static Agreement agreement(List<AnalysisRow> rows, CoefficientChoice choice) {
        List<AnalysisRow> adamSgd =
                rows.stream().filter(r -> !r.optimizer().equals("signsgd")).toList();
        List<Scoring> byOptimizer = Scorings.deltaMByGroup(adamSgd, AnalysisRow::optimizer);
        return RankingSimilarity.compare(
                scoring(byOptimizer, "adam"), scoring(byOptimizer, "sgd"), choice.coefficient());
    }

    private static Scoring scoring(List<Scoring> scorings, String name) {
        return scorings.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElse(new Scoring(name, Orientation.HIGHER_IS_BETTER, Map.of()));
    }

    /** The settings of the pairs, in the order of the pairs' benchmarks, then by setting label. */
    static List<OptimizersView.SettingPairs> settings(
            List<PairView> pairs, List<PairView> signPairs) {
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        Map<List<String>, PairView> first = new LinkedHashMap<>();
        Map<List<String>, Set<String>> sources = new LinkedHashMap<>();
        List<PairView> all = new ArrayList<>(pairs);
        all.addAll(signPairs);
        for (int i = 0; i < all.size(); i++) {
            PairView p = all.get(i);
            List<String> key =
                    List.of(
                            p.benchmark().name(),
                            p.setting() == null ? p.backbone().name() : p.setting().label(),
                            p.benchmark().id(),
                            p.setting() == null ? p.backbone().id() : p.setting().id());
            counts.computeIfAbsent(key, x -> new int[2])[i < pairs.size() ? 0 : 1]++;
            first.putIfAbsent(key, p);
            sources.computeIfAbsent(key, x -> new TreeSet<>()).add(p.source());
        }
        List<List<String>> keys = new ArrayList<>(counts.keySet());
        keys.sort(
                Comparator.<List<String>, String>comparing(x -> x.get(0))
                        .thenComparing(x -> x.get(1))
                        .thenComparing(x -> x.get(3)));
        List<OptimizersView.SettingPairs> out = new ArrayList<>();
        for (List<String> key : keys) {
            PairView p = first.get(key);
            out.add(
                    new OptimizersView.SettingPairs(
                            p.benchmark(),
                            p.setting(),
                            List.copyOf(sources.get(key)),
                            counts.get(key)[0],
                            counts.get(key)[1]));
        }
        return out;
    }

    /** One sentence naming the benchmarks and settings shown and their pairs. */
    static String shown(Scope scope, List<OptimizersView.SettingPairs> settings) {
        String head =
                scope.benchmark() == null
                        ? "All benchmarks at once (choose one to narrow); pairs are formed within one setting, never across"
                        : scope.benchmark().name() + " only";
        if (settings.isEmpty()) {
            return head + ": no setting has pairs under these filters.";
        }
        Map<String, List<String>> byBenchmark = new LinkedHashMap<>();
        for (OptimizersView.SettingPairs s : settings) {
            byBenchmark
                    .computeIfAbsent(s.benchmark().name(), b -> new ArrayList<>())
                    .add(
                            (s.setting() == null ? "?" : s.setting().label())
                                    + " ("
                                    + s.sgdPairs()
                                    + " SGD, "
                                    + s.signSgdPairs()
                                    + " signSGD pair(s))");
        }
        List<String> parts = new ArrayList<>();
        byBenchmark.forEach(
                (benchmark, lines) ->
                        parts.add(
                                (scope.benchmark() == null ? benchmark + ": " : "")
                                        + String.join(", ", lines)));
        return head + ": " + String.join("; ", parts) + ".";
    }

    /**
     * Says which pairs carry a printed std that is not the std of the Δm shown (printed for the
     * other convention, which differs on the benchmark), so that they are not judged here.
     */
    static List<String> printedStdNotes(
            List<PairView> pairs, List<PairView> signPairs, Scope scope) {
        Map<String, Set<String>> unusable = new TreeMap<>();
        List<PairView> all = new ArrayList<>(pairs);
        all.addAll(signPairs);
        for (PairView p : all) {
            for (PairView.Side side : List.of(p.first(), p.second())) {
                PrintedStd printed = side.printedDeltaMStd();
                if (printed != null && !printed.applies()) {
                    unusable.computeIfAbsent(printed.convention(), c -> new TreeSet<>())
                            .add(p.benchmark().name());
                }
            }
        }
        List<String> notes = new ArrayList<>();
        unusable.forEach(
                (convention, names) ->
                        notes.add(
                                "On "
                                        + String.join(", ", names)
                                        + " the publication printed the Δm std for the "
                                        + convention
                                        + " convention only, which is not the std of the "
                                        + scope.convention().id()
                                        + " Δm shown (the tasks have different numbers of metrics): those pairs "
                                        + "show it, marked, but are judged against seed noise only in the "
                                        + convention
                                        + " convention."));
        return notes;
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

    private static List<String> notes(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
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

    /**
     * Pairs by benchmark, then with the largest difference first, then by method and backbone;
     * pairs without a difference last within their benchmark.
     */
    /**
     * Pairs by benchmark, then by setting — the setting with the most pairs first, so that the
     * pairs of one protocol read together — then best gain first.
     */
    static List<PairView> sorted(List<PairView> pairs) {
        Map<String, Integer> perSetting = new HashMap<>();
        pairs.forEach(p -> perSetting.merge(settingOf(p), 1, Integer::sum));
        List<PairView> sorted = new ArrayList<>(pairs);
        sorted.sort(
                Comparator.comparing((PairView p) -> p.benchmark().name())
                        .thenComparing(p -> -perSetting.get(settingOf(p)))
                        .thenComparing(PairedAnalysisService::settingOf)
                        .thenComparing(
                                PairView::difference,
                                Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(PairView::methodName)
                        .thenComparing(p -> p.backbone().id()));
        return sorted;
    }

    private static String settingOf(PairView p) {
        return p.setting() == null ? p.backbone().id() : p.setting().id();
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
            return "Too little data to conclude per method: no pair has a std of Δm over seeds on both sides "
                    + "(measured over two or more seeds, or printed by the publication for the Δm shown), so no "
                    + "difference can be told apart from seed noise.";
        }
        return null;
    }
}
