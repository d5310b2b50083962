package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Benchmark;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the leaderboard needs of a benchmark's runs in three flat queries (runs, claims,
 * measurements of the latest completed evaluation), without loading entity graphs.
 */
@ApplicationScoped
class BoardRepository {

    /** Statuses whose runs are listed; discrepant, rejected and withdrawn runs are not. */
    static final List<RunStatus> LISTED = List.of(RunStatus.CLAIMED, RunStatus.QUEUED, RunStatus.RUNNING,
            RunStatus.VERIFIED, RunStatus.FAILED);

    private final EntityManager em;

    BoardRepository(EntityManager em) {
        this.em = em;
    }

    List<BoardCalculator.RunFacts> runFacts(Benchmark benchmark) {
        List<Object[]> runs = em.createQuery("""
                select r.id, r.method.id, r.method.name, r.backbone.id, r.optimizer, r.gradientLevel, r.source,
                       r.status, r.seed, r.reportedSeeds, r.citation, r.publishedDeltaMTask, r.publishedDeltaMTaskStd,
                       r.publishedDeltaMFlat, r.publishedDeltaMFlatStd, r.publishedDeltaMNote, r.ownerTokenId,
                       r.protocol, r.baselineProtocol, r.baselineOptimizer
                from Run r where r.benchmark.id = :b and r.hidden = false and r.status in :listed
                order by r.id""", Object[].class)
                .setParameter("b", benchmark.id).setParameter("listed", LISTED).getResultList();
        Map<Long, Map<String, Double>> values = claims(benchmark.id);
        measured(benchmark.id).forEach((run, measured) -> values.merge(run, measured, (claimed, m) -> {
            Map<String, Double> merged = new HashMap<>(claimed);
            merged.putAll(m);
            return merged;
        }));
        List<BoardCalculator.RunFacts> facts = new ArrayList<>(runs.size());
        for (Object[] r : runs) {
            long id = (Long) r[0];
            RunSource source = (RunSource) r[6];
            RunStatus status = (RunStatus) r[7];
            String protocol = r[17] != null ? (String) r[17] : Protocols.MTLBOARD;
            BoardCalculator.Published published = new BoardCalculator.Published((Double) r[11], (Double) r[12],
                    (Double) r[13], (Double) r[14], (String) r[15]);
            facts.add(new BoardCalculator.RunFacts(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], RowSource.of(source, status), source == RunSource.LITERATURE ? null : (Integer) r[8],
                    (Integer) r[9], (Long) r[16], protocol, (String) r[18], (String) r[19], (String) r[10], published,
                    values.getOrDefault(id, Map.of())));
        }
        return facts;
    }

    private Map<Long, Map<String, Double>> claims(String benchmarkId) {
        List<Object[]> rows = em.createQuery("""
                select c.run.id, t.name, m.name, c.claimed from RunClaim c join c.metric m join m.task t
                where c.run.benchmark.id = :b""", Object[].class).setParameter("b", benchmarkId).getResultList();
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            values.computeIfAbsent((Long) row[0], k -> new HashMap<>()).put(row[1] + "." + row[2], (Double) row[3]);
        }
        return values;
    }

    /** Measured values of the latest completed evaluation of every run that has one. */
    private Map<Long, Map<String, Double>> measured(String benchmarkId) {
        List<Object[]> rows = em.createQuery("""
                select e.run.id, e.attempt, t.name, m.name, x.measured
                from EvaluationMeasurement x join x.evaluation e join x.metric m join m.task t
                where e.run.benchmark.id = :b and e.status = :completed
                order by e.run.id, e.attempt""", Object[].class)
                .setParameter("b", benchmarkId).setParameter("completed", Evaluation.COMPLETED).getResultList();
        Map<Long, Integer> latest = new HashMap<>();
        for (Object[] row : rows) {
            latest.merge((Long) row[0], (Integer) row[1], Math::max);
        }
        Map<Long, Map<String, Double>> values = new HashMap<>();
        for (Object[] row : rows) {
            if (latest.get(row[0]).equals(row[1])) {
                values.computeIfAbsent((Long) row[0], k -> new HashMap<>()).put(row[2] + "." + row[3], (Double) row[4]);
            }
        }
        return values;
    }
}
