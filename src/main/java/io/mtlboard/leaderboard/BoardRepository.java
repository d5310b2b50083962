package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSource;
import io.mtlboard.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the leaderboard needs of a benchmark's runs in three flat queries (runs, claims,
 * measurements of the latest completed evaluation), without loading entity graphs. All runs of a
 * benchmark are read in pages of {@value #PAGE} runs by id, each with the claims and measurements of
 * its id range, so that what is held besides the result stays bounded at any number of runs; claims
 * and measurements carry metric ids, named from one small map.
 */
@ApplicationScoped
public class BoardRepository {

    private static final int CHUNK = 500;

    /** Runs per page when all runs of a benchmark are read. */
    static final int PAGE = 20_000;

    private final EntityManager em;

    BoardRepository(EntityManager em) {
        this.em = em;
    }

    List<BoardCalculator.RunFacts> runFacts(Benchmark benchmark) {
        return runFacts(benchmark, PAGE);
    }

    /** All listed runs of a benchmark in id order, read {@code pageSize} runs at a time. */
    List<BoardCalculator.RunFacts> runFacts(Benchmark benchmark, int pageSize) {
        Map<Long, String> keys = metricKeys();
        Map<String, String> pool = new HashMap<>();
        List<BoardCalculator.RunFacts> facts = new ArrayList<>();
        long after = Long.MIN_VALUE;
        while (true) {
            List<BoardCalculator.RunFacts> page =
                    load(benchmark.id, null, after, pageSize, keys, pool);
            facts.addAll(page);
            if (page.size() < pageSize) {
                return facts;
            }
            after = page.get(page.size() - 1).runId();
        }
    }

    /** The listed runs among {@code ids} (hidden, withdrawn or deleted ones are absent from the answer). */
    List<BoardCalculator.RunFacts> runFacts(String benchmarkId, Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<BoardCalculator.RunFacts> facts = new ArrayList<>();
        Map<Long, String> keys = all.isEmpty() ? Map.of() : metricKeys();
        Map<String, String> pool = new HashMap<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            facts.addAll(
                    load(
                            benchmarkId,
                            all.subList(from, Math.min(all.size(), from + CHUNK)),
                            0,
                            0,
                            keys,
                            pool));
        }
        return facts;
    }

    /** Ids of the benchmark's runs (listed or not) updated at or after {@code since}. */
    List<Long> updatedSince(String benchmarkId, OffsetDateTime since) {
        return em.createQuery(
                        "select r.id from Run r where r.benchmark.id = :b and r.updatedAt >= :since",
                        Long.class)
                .setParameter("b", benchmarkId)
                .setParameter("since", since)
                .getResultList();
    }

    /**
     * Count and id sum of all the benchmark's runs, listed or not (answered from the benchmark's
     * index, without reading the runs): what a board's runs and its unlisted ids must add up to.
     */
    long[] checksum(String benchmarkId) {
        Object[] r =
                em.createQuery(
                                "select count(r), coalesce(sum(r.id), 0) from Run r where r.benchmark.id = :b",
                                Object[].class)
                        .setParameter("b", benchmarkId)
                        .getSingleResult();
        return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
    }

    /** Ids of the benchmark's runs that are not on its board (hidden, or in a status not listed). */
    List<Long> unlistedIds(String benchmarkId) {
        return em.createQuery(
                        "select r.id from Run r where r.benchmark.id = :b"
                                + " and (r.hidden = true or r.status not in :listed)",
                        Long.class)
                .setParameter("b", benchmarkId)
                .setParameter("listed", RunStatus.LISTED)
                .getResultList();
    }

    /** "task.metric" of every metric id. */
    private Map<Long, String> metricKeys() {
        Map<Long, String> keys = new HashMap<>();
        for (Object[] m :
                em.createQuery(
                                "select m.id, m.task.name, m.name from BenchmarkMetric m",
                                Object[].class)
                        .getResultList()) {
            keys.put((Long) m[0], m[1] + "." + m[2]);
        }
        return keys;
    }

    /**
     * The listed runs among {@code ids}, or, with {@code ids} null, the first {@code pageSize} listed
     * runs with an id above {@code after}.
     */
    private List<BoardCalculator.RunFacts> load(
            String benchmarkId,
            List<Long> ids,
            long after,
            int pageSize,
            Map<Long, String> keys,
            Map<String, String> pool) {
        String only = ids == null ? " and r.id > :after" : " and r.id in :ids";
        var query =
                em.createQuery(
                                """
                select r.id, r.method.id, r.method.name, r.backbone.id, r.optimizer, r.gradientLevel, r.source,
                       r.status, r.seed, r.reportedSeeds, r.citation, r.publishedDeltaMTask, r.publishedDeltaMTaskStd,
                       r.publishedDeltaMFlat, r.publishedDeltaMFlatStd, r.publishedDeltaMNote, r.ownerTokenId,
                       r.protocol, r.baselineProtocol, r.baselineOptimizer
                from Run r where r.benchmark.id = :b and r.hidden = false and r.status in :listed"""
                                        + only
                                        + " order by r.id",
                                Object[].class)
                        .setParameter("b", benchmarkId)
                        .setParameter("listed", RunStatus.LISTED);
        if (ids != null) {
            query.setParameter("ids", ids);
        } else {
            query.setParameter("after", after).setMaxResults(pageSize);
        }
        List<Object[]> runs = query.getResultList();
        if (runs.isEmpty()) {
            return List.of();
        }
        Scope scope =
                ids != null
                        ? new Scope(ids, 0, 0)
                        : new Scope(
                                null, (Long) runs.get(0)[0], (Long) runs.get(runs.size() - 1)[0]);
        Map<Long, Map<String, Double>> values = claims(benchmarkId, scope, keys);
        measured(benchmarkId, scope, keys)
                .forEach(
                        (run, measured) ->
                                values.merge(
                                        run,
                                        measured,
                                        (claimed, m) -> {
                                            Map<String, Double> merged = new HashMap<>(claimed);
                                            merged.putAll(m);
                                            return merged;
                                        }));
        List<BoardCalculator.RunFacts> facts = new ArrayList<>(runs.size());
        // boards keep the facts of every run: equal strings are shared and value maps compact
        for (Object[] r : runs) {
            long id = (Long) r[0];
            RunSource source = (RunSource) r[6];
            RunStatus status = (RunStatus) r[7];
            String protocol = r[17] != null ? (String) r[17] : Protocols.MTLBOARD;
            BoardCalculator.Published published =
                    r[11] == null
                                    && r[12] == null
                                    && r[13] == null
                                    && r[14] == null
                                    && r[15] == null
                            ? BoardCalculator.Published.NONE
                            : new BoardCalculator.Published(
                                    (Double) r[11],
                                    (Double) r[12],
                                    (Double) r[13],
                                    (Double) r[14],
                                    (String) r[15]);
            Map<String, Double> own = new HashMap<>();
            values.getOrDefault(id, Map.of()).forEach((k, v) -> own.put(shared(pool, k), v));
            facts.add(
                    new BoardCalculator.RunFacts(
                            id,
                            shared(pool, r[1]),
                            shared(pool, r[2]),
                            shared(pool, r[3]),
                            shared(pool, r[4]),
                            shared(pool, r[5]),
                            RowSource.of(source, status),
                            source == RunSource.LITERATURE ? null : (Integer) r[8],
                            (Integer) r[9],
                            (Long) r[16],
                            shared(pool, protocol),
                            shared(pool, r[18]),
                            shared(pool, r[19]),
                            shared(pool, r[10]),
                            published,
                            own.containsValue(null)
                                    ? Collections.unmodifiableMap(own)
                                    : Map.copyOf(own)));
        }
        return facts;
    }

    private static String shared(Map<String, String> pool, Object s) {
        return s == null ? null : pool.computeIfAbsent((String) s, k -> k);
    }

    /**
     * The runs of one read: {@code ids}, or with {@code ids} null the id range {@code from..to}. The
     * condition is put on both sides of the join with the run, so that the database reads the range of
     * both (rather than all of the benchmark's runs for every page).
     */
    private record Scope(List<Long> ids, long from, long to) {
        String where(String run) {
            return ids != null
                    ? " and " + run + " in :ids"
                    : " and " + run + " between :from and :to";
        }

        void bind(jakarta.persistence.TypedQuery<?> query) {
            if (ids != null) {
                query.setParameter("ids", ids);
            } else {
                query.setParameter("from", from).setParameter("to", to);
            }
        }
    }

    private Map<Long, Map<String, Double>> claims(
            String benchmarkId, Scope scope, Map<Long, String> keys) {
        var query =
                em.createQuery(
                                "select c.run.id, c.metric.id, c.claimed from RunClaim c join c.run r"
                                        + " where r.benchmark.id = :b"
                                        + scope.where("c.run.id")
                                        + scope.where("r.id"),
                                Object[].class)
                        .setParameter("b", benchmarkId);
        scope.bind(query);
        List<Object[]> rows = query.getResultList();
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            values.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                    .put(keys.get((Long) row[1]), (Double) row[2]);
        }
        return values;
    }

    /** Measured values of the latest completed evaluation of every run that has one. */
    private Map<Long, Map<String, Double>> measured(
            String benchmarkId, Scope scope, Map<Long, String> keys) {
        var query =
                em.createQuery(
                                """
                select e.run.id, e.attempt, x.metric.id, x.measured
                from EvaluationMeasurement x join x.evaluation e join e.run r
                where r.benchmark.id = :b and e.status = :completed"""
                                        + scope.where("e.run.id")
                                        + scope.where("r.id")
                                        + " order by e.run.id, e.attempt",
                                Object[].class)
                        .setParameter("b", benchmarkId)
                        .setParameter("completed", Evaluation.COMPLETED);
        scope.bind(query);
        List<Object[]> rows = query.getResultList();
        Map<Long, Integer> latest = new HashMap<>();
        for (Object[] row : rows) {
            latest.merge((Long) row[0], (Integer) row[1], Math::max);
        }
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            if (latest.get(row[0]).equals(row[1])) {
                values.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                        .put(keys.get((Long) row[2]), (Double) row[3]);
            }
        }
        return values;
    }

    /**
     * What a row shows besides its numbers, per run: seed, paper and code links, and the efficiency
     * of the latest completed evaluation (null fields when it measured none or there is none).
     */
    record RunExtra(
            Integer seed,
            String paperUrl,
            String codeUrl,
            Long parameters,
            Double latencyMs,
            Double throughput) {}

    Map<Long, RunExtra> extras(Collection<Long> ids) {
        Map<Long, RunExtra> out = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Map<Long, Object[]> efficiency =
                    latestEfficiency(
                            em.createQuery(
                                            """
                    select e.run.id, e.attempt, e.parameterCount, e.latencyMs, e.throughput from Evaluation e
                    where e.run.id in :ids and e.status = :completed""",
                                            Object[].class)
                                    .setParameter("ids", chunk)
                                    .setParameter("completed", Evaluation.COMPLETED)
                                    .getResultList());
            extras(
                    em.createQuery(
                                    "select r.id, r.seed, r.paperUrl, r.codeUrl from Run r where r.id in :ids",
                                    Object[].class)
                            .setParameter("ids", chunk)
                            .getResultList(),
                    efficiency,
                    out);
        }
        return out;
    }

    /**
     * The extras of every run of a benchmark in two passes (its runs, its completed evaluations):
     * for many runs far cheaper than lists of ids.
     */
    Map<Long, RunExtra> extrasOfBenchmark(String benchmarkId) {
        Map<Long, Object[]> efficiency =
                latestEfficiency(
                        em.createQuery(
                                        """
                select e.run.id, e.attempt, e.parameterCount, e.latencyMs, e.throughput from Evaluation e
                where e.run.benchmark.id = :b and e.status = :completed""",
                                        Object[].class)
                                .setParameter("b", benchmarkId)
                                .setParameter("completed", Evaluation.COMPLETED)
                                .getResultList());
        Map<Long, RunExtra> out = new HashMap<>();
        extras(
                em.createQuery(
                                "select r.id, r.seed, r.paperUrl, r.codeUrl from Run r where r.benchmark.id = :b",
                                Object[].class)
                        .setParameter("b", benchmarkId)
                        .getResultList(),
                efficiency,
                out);
        return out;
    }

    /** Per run, the row (run id, attempt, parameters, latency, throughput) of its latest attempt. */
    private static Map<Long, Object[]> latestEfficiency(List<Object[]> evaluations) {
        Map<Long, Object[]> efficiency = new HashMap<>();
        for (Object[] e : evaluations) {
            Object[] seen = efficiency.get((Long) e[0]);
            if (seen == null || (Integer) seen[1] < (Integer) e[1]) {
                efficiency.put((Long) e[0], e);
            }
        }
        return efficiency;
    }

    private static void extras(
            List<Object[]> runs, Map<Long, Object[]> efficiency, Map<Long, RunExtra> out) {
        for (Object[] r : runs) {
            Object[] e = efficiency.get((Long) r[0]);
            out.put(
                    (Long) r[0],
                    new RunExtra(
                            (Integer) r[1],
                            (String) r[2],
                            (String) r[3],
                            e == null ? null : (Long) e[2],
                            e == null ? null : (Double) e[3],
                            e == null ? null : (Double) e[4]));
        }
    }

    /** The training log of a run's manifest as JSON text, null when the run has no manifest. */
    String manifest(long runId) {
        List<String> m =
                em.createQuery("select r.manifest from Run r where r.id = :id", String.class)
                        .setParameter("id", runId)
                        .getResultList();
        return m.isEmpty() ? null : m.get(0);
    }
}
