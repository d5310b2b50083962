package io.mtlboard.analysis;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.run.LeaderboardVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which benchmarks have anything to show on each analysis page, so that the pages' benchmark
 * menus list those first and mark the others. A benchmark has data for an analysis when its
 * unfiltered rows hold what the page draws:
 *
 * <ul>
 *   <li>{@code ranking-similarity}: a row with a training log (the indicators);
 *   <li>{@code feature-disentanglement}: FD logged during training, or FD the worker measured on
 *       the test split;
 *   <li>{@code gradients}: gradient indicators logged during training;
 *   <li>{@code levels}: a method with a parameter-level and a feature-level row to pair;
 *   <li>{@code optimizers}: a method with an Adam and an SGD or signSGD row to pair;
 *   <li>{@code robustness}: corrupted-split measurements of the worker, or published tables.
 * </ul>
 *
 * Computed once per data version.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AnalysisCoverage {

    /** The analyses whose pages take a benchmark, by the path of their page. */
    public static final List<String> ANALYSES =
            List.of(
                    "ranking-similarity",
                    "feature-disentanglement",
                    "gradients",
                    "levels",
                    "optimizers",
                    "robustness");

    private record Cached(long version, Map<String, Set<String>> withData) {}

    private final AnalysisData data;
    private final RobustnessService robustness;
    private final LeaderboardVersion version;
    private volatile Cached cached;

    public AnalysisCoverage(
            AnalysisData data, RobustnessService robustness, LeaderboardVersion version) {
        this.data = data;
        this.robustness = robustness;
        this.version = version;
    }

    /**
     * The ids of the benchmarks that have data for an analysis (one of {@link #ANALYSES}); empty
     * for any other name.
     */
    public Set<String> benchmarksWithData(String analysis) {
        long v = version.overall();
        Cached c = cached;
        if (c == null || c.version() != v) {
            c = new Cached(v, compute());
            cached = c;
        }
        return c.withData().getOrDefault(analysis, Set.of());
    }

    private Map<String, Set<String>> compute() {
        Map<String, Set<String>> withData = new HashMap<>();
        ANALYSES.forEach(a -> withData.put(a, new TreeSet<>()));
        Set<String> published = robustness.publishedBenchmarks();
        for (Benchmark b : Benchmark.allByName()) {
            List<AnalysisRow> rows = data.rows(Scope.all(new Ref(b.id, b.name)));
            List<RunSummary> logs = rows.stream().flatMap(r -> r.runs().stream()).toList();
            AnalysisData.Measured measured =
                    data.measured(rows.stream().flatMap(r -> r.runIds().stream()).toList());
            if (!logs.isEmpty()) {
                withData.get("ranking-similarity").add(b.id);
            }
            if (measured.testFd()
                    || logs.stream()
                            .anyMatch(s -> s.mean(FeatureDisentanglementService.FD) != null)) {
                withData.get("feature-disentanglement").add(b.id);
            }
            if (logs.stream().anyMatch(AnalysisCoverage::loggedGradients)) {
                withData.get("gradients").add(b.id);
            }
            if (!Pairing.pair(rows, "gradientLevel", "param", "feature").isEmpty()) {
                withData.get("levels").add(b.id);
            }
            if (!Pairing.pair(rows, "optimizer", "sgd", "adam").isEmpty()
                    || !Pairing.pair(rows, "optimizer", "signsgd", "adam").isEmpty()) {
                withData.get("optimizers").add(b.id);
            }
            if (measured.corrupted() || published.contains(b.id)) {
                withData.get("robustness").add(b.id);
            }
        }
        withData.replaceAll((a, ids) -> Set.copyOf(ids));
        return withData;
    }

    /** Whether a run logged gradient indicators, at either level. */
    private static boolean loggedGradients(RunSummary s) {
        return s.indicators().keySet().stream()
                .anyMatch(k -> TrainingLogs.LEVELS.stream().anyMatch(l -> k.startsWith(l + ".")));
    }
}
