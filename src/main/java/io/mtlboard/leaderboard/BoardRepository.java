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
 * measurements of the latest completed evaluation), without loading entity graphs.
 */
@ApplicationScoped
public class BoardRepository {

    private static final int CHUNK = 500;

    private final EntityManager em;

    BoardRepository(EntityManager em) {
        this.em = em;
    }

    List<BoardCalculator.RunFacts> runFacts(Benchmark benchmark) {
        return load(benchmark.id, null);
    }

    /** The listed runs among {@code ids} (hidden, withdrawn or deleted ones are absent from the answer). */
    List<BoardCalculator.RunFacts> runFacts(String benchmarkId, Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<BoardCalculator.RunFacts> facts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            facts.addAll(load(benchmarkId, all.subList(from, Math.min(all.size(), from + CHUNK))));
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

    private List<BoardCalculator.RunFacts> load(String benchmarkId, List<Long> ids) {
        String only = ids == null ? "" : " and r.id in :ids";
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
        }
        List<Object[]> runs = query.getResultList();
        Map<Long, Map<String, Double>> values = claims(benchmarkId, ids);
        measured(benchmarkId, ids)
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
        Map<String, String> pool = new HashMap<>();
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

    private Map<Long, Map<String, Double>> claims(String benchmarkId, List<Long> ids) {
        var query =
                em.createQuery(
                                """
                select c.run.id, t.name, m.name, c.claimed from RunClaim c join c.metric m join m.task t
                where c.run.benchmark.id = :b"""
                                        + (ids == null ? "" : " and c.run.id in :ids"),
                                Object[].class)
                        .setParameter("b", benchmarkId);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        List<Object[]> rows = query.getResultList();
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            values.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                    .put(row[1] + "." + row[2], (Double) row[3]);
        }
        return values;
    }

    /** Measured values of the latest completed evaluation of every run that has one. */
    private Map<Long, Map<String, Double>> measured(String benchmarkId, List<Long> ids) {
        var query =
                em.createQuery(
                                """
                select e.run.id, e.attempt, t.name, m.name, x.measured
                from EvaluationMeasurement x join x.evaluation e join x.metric m join m.task t
                where e.run.benchmark.id = :b and e.status = :completed"""
                                        + (ids == null ? "" : " and e.run.id in :ids")
                                        + " order by e.run.id, e.attempt",
                                Object[].class)
                        .setParameter("b", benchmarkId)
                        .setParameter("completed", Evaluation.COMPLETED);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        List<Object[]> rows = query.getResultList();
        Map<Long, Integer> latest = new HashMap<>();
        for (Object[] row : rows) {
            latest.merge((Long) row[0], (Integer) row[1], Math::max);
        }
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            if (latest.get(row[0]).equals(row[1])) {
                values.computeIfAbsent((Long) row[0], k -> new HashMap<>())
                        .put(row[2] + "." + row[3], (Double) row[4]);
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
            Map<Long, Object[]> efficiency = new HashMap<>();
            Map<Long, Integer> latest = new HashMap<>();
            for (Object[] e :
                    em.createQuery(
                                    """
                    select e.run.id, e.attempt, e.parameterCount, e.latencyMs, e.throughput from Evaluation e
                    where e.run.id in :ids and e.status = :completed""",
                                    Object[].class)
                            .setParameter("ids", chunk)
                            .setParameter("completed", Evaluation.COMPLETED)
                            .getResultList()) {
                Long run = (Long) e[0];
                int attempt = (Integer) e[1];
                if (!latest.containsKey(run) || latest.get(run) < attempt) {
                    latest.put(run, attempt);
                    efficiency.put(run, e);
                }
            }
            for (Object[] r :
                    em.createQuery(
                                    "select r.id, r.seed, r.paperUrl, r.codeUrl from Run r where r.id in :ids",
                                    Object[].class)
                            .setParameter("ids", chunk)
                            .getResultList()) {
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
        return out;
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
