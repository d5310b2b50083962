package io.mtlboard.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.analysis.robustness.Condition;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.Published;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data behind the analysis pages: a benchmark's leaderboard rows (from
 * {@link LeaderboardService}, so Δm and seeds are exactly the leaderboard's) joined with the
 * training logs submitted in the runs' manifests and with what the worker measured in the latest
 * completed evaluation of each run.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AnalysisData {

    /** Ids per query: keeps {@code in} lists within what every database accepts. */
    private static final int CHUNK = 500;

    /** Above this many runs, one query over all runs (filtered here) replaces the id lists. */
    private volatile int bulk = 5_000;

    private record Cached(String manifestSha256, RunSummary summary) {}

    private final LeaderboardService leaderboards;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Map<Long, Cached> summaries = new ConcurrentHashMap<>();

    public AnalysisData(LeaderboardService leaderboards, EntityManager em, ObjectMapper json) {
        this.leaderboards = leaderboards;
        this.em = em;
        this.json = json;
    }

    /**
     * The rows of a scope, each with the log summaries of those of its runs that have a training
     * log, without per-run Δm.
     */
    List<AnalysisRow> rows(Scope scope) {
        return rows(scope, false);
    }

    /**
     * The rows of a scope, each with the log summaries of those of its runs that have a training
     * log, and with each run's Δm when {@code perRunDeltaM} (the seed bootstrap of ranking
     * similarity needs it; it reads every run's metric values, a second pass over the runs).
     */
    List<AnalysisRow> rows(Scope scope, boolean perRunDeltaM) {
        LeaderboardView view = leaderboards.rowsOnly(scope.benchmark().id(), scope.query());
        Map<Long, RunSummary> logs =
                summaries(view.rows().stream().flatMap(r -> r.runIds().stream()).toList());
        List<AnalysisRow> rows = new ArrayList<>();
        Map<Long, Map<String, Double>> values = null;
        RunDeltaM perRun = null;
        boolean coincide = conventionsCoincide(view.benchmark().id());
        for (LeaderboardView.LeaderboardRowView r : view.rows()) {
            List<RunSummary> runs =
                    r.runIds().stream()
                            .map(logs::get)
                            .filter(Objects::nonNull)
                            .filter(s -> s.entries() > 0)
                            .toList();
            LeaderboardView.Stat deltaM =
                    r.deltaM() == null
                            ? null
                            : scope.deltaMConvention() == DeltaM.Convention.FLAT
                                    ? r.deltaM().flat()
                                    : r.deltaM().perTask();
            Map<Long, Double> runDeltaM = Map.of();
            if (perRunDeltaM && deltaM != null && r.deltaM().baseline() != null) {
                if (values == null) {
                    values = leaderboards.runValues(view.benchmark().id());
                    perRun = new RunDeltaM(view.benchmark().id(), values);
                }
                runDeltaM =
                        perRun.of(
                                r.runIds(),
                                r.deltaM().baseline().runIds(),
                                scope.deltaMConvention());
            }
            rows.add(
                    new AnalysisRow(
                            "r" + r.runIds().get(0),
                            label(r),
                            view.benchmark().id(),
                            r.method().id(),
                            r.method().name(),
                            r.methodLabel(),
                            r.backbone().id(),
                            r.backbone().name(),
                            r.optimizer(),
                            r.gradientLevel(),
                            r.source(),
                            "literature".equals(r.source()) ? r.citation() : null,
                            r.runIds(),
                            deltaM,
                            r.metrics(),
                            runs,
                            runDeltaM,
                            r.setting() == null ? null : r.setting().id(),
                            view.benchmark().name(),
                            r.setting() == null ? null : r.setting().label(),
                            r.seeds(),
                            printedStd(r.published(), scope.deltaMConvention(), coincide)));
        }
        return rows;
    }

    /**
     * The Δm std a publication printed for a row, for the convention shown when it printed one,
     * else for the other convention, which {@link PrintedStd#applies() applies} only where both
     * conventions coincide; null when none was printed.
     */
    static PrintedStd printedStd(
            Published p, DeltaM.Convention convention, boolean conventionsCoincide) {
        if (p == null) {
            return null;
        }
        boolean flat = convention == DeltaM.Convention.FLAT;
        Double same = flat ? p.deltaMFlatStd() : p.deltaMPerTaskStd();
        if (same != null) {
            return new PrintedStd(same, convention.id(), true);
        }
        Double other = flat ? p.deltaMPerTaskStd() : p.deltaMFlatStd();
        DeltaM.Convention otherConvention =
                flat ? DeltaM.Convention.PER_TASK : DeltaM.Convention.FLAT;
        return other == null
                ? null
                : new PrintedStd(other, otherConvention.id(), conventionsCoincide);
    }

    /**
     * Whether Δm per task and flat Δm are the same average on a benchmark: every task has as many
     * metrics (METRICS.md §2), so every seed has the same Δm in both, and so has their std.
     */
    static boolean conventionsCoincide(String benchmarkId) {
        Benchmark b = Benchmark.byId(benchmarkId).orElse(null);
        return b != null
                && DeltaM.conventionsCoincide(b.metrics().stream().map(m -> m.task.name).toList());
    }

    /**
     * The benchmark pages open on when none is asked for: the one with the most rows that have a
     * training log, then the most rows with Δm, then by name; null when there are no benchmarks.
     */
    public String defaultBenchmark() {
        return defaultBenchmark(Scope.all(null));
    }

    private String defaultBenchmark(Scope unfiltered) {
        String best = null;
        long[] bestScore = {-1, -1};
        for (Benchmark b : Benchmark.allByName()) {
            List<AnalysisRow> rows =
                    rows(unfiltered.with(new Ref(b.id, b.name), List.of(), List.of()));
            long logged = rows.stream().filter(r -> !r.runs().isEmpty()).count();
            long withDeltaM = rows.stream().filter(r -> r.deltaM() != null).count();
            if (logged > bestScore[0] || (logged == bestScore[0] && withDeltaM > bestScore[1])) {
                best = b.id;
                bestScore = new long[] {logged, withDeltaM};
            }
        }
        return best;
    }

    /**
     * The backbone a page about one backbone opens on: the one with the most rows that have a
     * training log, then the most rows with Δm, then by id; null when there are no rows.
     */
    static String defaultBackbone(List<AnalysisRow> rows) {
        Map<String, long[]> counts = new HashMap<>();
        for (AnalysisRow r : rows) {
            long[] c = counts.computeIfAbsent(r.backboneId(), b -> new long[2]);
            c[0] += r.runs().isEmpty() ? 0 : 1;
            c[1] += r.deltaM() == null ? 0 : 1;
        }
        return counts.entrySet().stream()
                .min(
                        Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                                .thenComparingLong(e -> -e.getValue()[1])
                                .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** What the worker measured on each run in its latest completed evaluation, for runs that have one. */
    Map<Long, WorkerDiagnostics> diagnostics(Collection<Long> runIds) {
        Map<Long, Object[]> latest = new HashMap<>();
        java.util.function.Consumer<Object[]> take =
                row ->
                        latest.merge(
                                (Long) row[1],
                                row,
                                (a, b) -> (Integer) a[2] >= (Integer) b[2] ? a : b);
        String select =
                "select e.id, e.run.id, e.attempt, e.testFd, e.testFdMeanEntropy from Evaluation e"
                        + " where e.status = :completed";
        if (runIds.size() > bulk) {
            // one pass over the completed evaluations beats thousands of id lists
            Set<Long> wanted = new HashSet<>(runIds);
            em
                    .createQuery(select, Object[].class)
                    .setParameter("completed", Evaluation.COMPLETED)
                    .getResultList()
                    .stream()
                    .filter(row -> wanted.contains((Long) row[1]))
                    .forEach(take);
        } else {
            for (List<Long> ids : chunks(runIds)) {
                em.createQuery(select + " and e.run.id in :ids", Object[].class)
                        .setParameter("ids", ids)
                        .setParameter("completed", Evaluation.COMPLETED)
                        .getResultList()
                        .forEach(take);
            }
        }
        Map<Long, Long> runOf = new HashMap<>();
        latest.forEach((run, row) -> runOf.put((Long) row[0], run));
        Map<Long, Map<String, Double>> clean = new HashMap<>();
        Map<Long, Map<Condition, Map<String, Double>>> corrupted = new HashMap<>();
        for (List<Long> ids : chunks(runOf.keySet())) {
            em.createQuery(
                            """
                    select x.evaluation.id, t.name, m.name, x.measured from EvaluationMeasurement x
                    join x.metric m join m.task t where x.evaluation.id in :ids""",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(
                            row ->
                                    clean.computeIfAbsent(
                                                    runOf.get((Long) row[0]), k -> new HashMap<>())
                                            .put(row[1] + "." + row[2], (Double) row[3]));
            em.createQuery(
                            """
                    select c.evaluation.id, c.corruption, c.severity, t.name, m.name, c.measured
                    from CorruptionMeasurement c join c.metric m join m.task t where c.evaluation.id in :ids""",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(
                            row ->
                                    corrupted
                                            .computeIfAbsent(
                                                    runOf.get((Long) row[0]), k -> new HashMap<>())
                                            .computeIfAbsent(
                                                    new Condition(
                                                            (String) row[1], (Integer) row[2]),
                                                    k -> new HashMap<>())
                                            .put(row[3] + "." + row[4], (Double) row[5]));
        }
        Map<Long, WorkerDiagnostics> result = new HashMap<>();
        latest.forEach(
                (run, row) ->
                        result.put(
                                run,
                                new WorkerDiagnostics(
                                        run,
                                        clean.getOrDefault(run, Map.of()),
                                        (Double) row[3],
                                        (Double) row[4],
                                        corrupted.getOrDefault(run, Map.of()))));
        return result;
    }

    /**
     * Which of the runs the worker measured, in a completed evaluation, on the test split for FD
     * and on corrupted test splits.
     */
    Measured measured(Collection<Long> runIds) {
        boolean fd = false;
        boolean corrupted = false;
        for (List<Long> ids : chunks(runIds)) {
            fd =
                    fd
                            || !em.createQuery(
                                            """
                    select e.id from Evaluation e where e.run.id in :ids and e.status = :completed
                    and e.testFd is not null""",
                                            Long.class)
                                    .setParameter("ids", ids)
                                    .setParameter("completed", Evaluation.COMPLETED)
                                    .setMaxResults(1)
                                    .getResultList()
                                    .isEmpty();
            corrupted =
                    corrupted
                            || !em.createQuery(
                                            """
                    select c.id from CorruptionMeasurement c where c.evaluation.run.id in :ids
                    and c.evaluation.status = :completed""",
                                            Long.class)
                                    .setParameter("ids", ids)
                                    .setParameter("completed", Evaluation.COMPLETED)
                                    .setMaxResults(1)
                                    .getResultList()
                                    .isEmpty();
        }
        return new Measured(fd, corrupted);
    }

    /** Whether any of some runs has a worker-measured test-split FD, and corrupted-split measurements. */
    record Measured(boolean testFd, boolean corrupted) {}

    /** Log summaries by run id; a manifest never changes under the same hash, so summaries are cached. */
    /** Sets the number of runs above which one query replaces the id lists (tests). */
    void bulkAbove(int runs) {
        bulk = runs;
    }

    Map<Long, RunSummary> summaries(List<Long> runIds) {
        Map<Long, RunSummary> result = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        java.util.function.Consumer<Object[]> take =
                row -> {
                    Cached c = summaries.get((Long) row[0]);
                    if (c != null && Objects.equals(c.manifestSha256(), row[1])) {
                        result.put((Long) row[0], c.summary());
                    } else {
                        missing.add((Long) row[0]);
                    }
                };
        if (runIds.size() > bulk) {
            // one pass over the runs that have a manifest beats thousands of id lists
            Set<Long> wanted = new HashSet<>(runIds);
            em
                    .createQuery(
                            "select r.id, r.manifestSha256 from Run r where r.manifest is not null",
                            Object[].class)
                    .getResultList()
                    .stream()
                    .filter(row -> wanted.contains((Long) row[0]))
                    .forEach(take);
        } else {
            for (List<Long> ids : chunks(runIds)) {
                em.createQuery(
                                "select r.id, r.manifestSha256 from Run r where r.id in :ids and r.manifest is not null",
                                Object[].class)
                        .setParameter("ids", ids)
                        .getResultList()
                        .forEach(take);
            }
        }
        for (List<Long> ids : chunks(missing)) {
            em.createQuery(
                            "select r.id, r.manifestSha256, r.manifest from Run r where r.id in :ids",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(
                            row -> {
                                long id = (Long) row[0];
                                RunSummary s =
                                        RunSummary.of(
                                                id,
                                                TrainingLogs.fromManifest((String) row[2], json));
                                summaries.put(id, new Cached((String) row[1], s));
                                result.put(id, s);
                            });
        }
        return result;
    }

    /**
     * A row's name on the analysis pages, unique among the rows of a page: method (with its
     * gradient level when the method has no feature-level name of its own, e.g. "IMTL (feature
     * level)"), backbone, protocol (rows of two reference protocols are two curves), optimizer and
     * source. Charts drop the parts every label of a chart shares.
     */
    static String label(LeaderboardView.LeaderboardRowView r) {
        String method = r.methodLabel();
        if ("feature".equals(r.gradientLevel()) && method.equals(r.method().name())) {
            method += " (feature level)";
        }
        List<String> parts = new ArrayList<>(List.of(method, r.backbone().name()));
        if (r.setting() != null && r.setting().id().contains("@")) {
            parts.add(r.setting().id().substring(r.setting().id().indexOf('@') + 1));
        }
        if (!"unreported".equals(r.optimizer())) {
            parts.add(r.optimizer());
        }
        parts.add(r.source());
        return String.join(" · ", parts);
    }

    private static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
