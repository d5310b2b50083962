package io.mtlboard.leaderboard;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-benchmark counters that change whenever a benchmark's leaderboard data may have changed;
 * caches key on them, so a submission to one benchmark leaves the others' caches warm. Writes in
 * this process bump a counter at once; writes by other processes sharing the database (replicas,
 * workers) are noticed by a per-benchmark fingerprint of the run and evaluation tables polled every
 * two seconds.
 */
@ApplicationScoped
public class LeaderboardVersion {

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();
    /** Incremented by every change of any benchmark: the version of pages that show several. */
    private final AtomicLong overall = new AtomicLong();
    private volatile Map<String, List<Object>> fingerprints = Map.of();

    /** The current version of a benchmark's data. */
    public long current(String benchmarkId) {
        AtomicLong counter = versions.get(benchmarkId);
        return global.get() + (counter == null ? 0 : counter.get());
    }

    /** A version that changes whenever any benchmark's data changes (home, method and analysis pages). */
    public long overall() {
        return overall.get();
    }

    /** Marks a benchmark's data as changed. */
    public void bump(String benchmarkId) {
        counter(benchmarkId).incrementAndGet();
        overall.incrementAndGet();
    }

    /** Marks every benchmark's data as changed (registry or literature reload). */
    public void bumpAll() {
        global.incrementAndGet();
        overall.incrementAndGet();
    }

    private AtomicLong counter(String benchmarkId) {
        return versions.computeIfAbsent(benchmarkId, k -> new AtomicLong());
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void poll() {
        Map<String, List<Object>> current = new HashMap<>();
        for (Object[] row : Run.getEntityManager().createQuery("select r.benchmark.id, count(r), max(r.updatedAt) "
                + "from Run r group by r.benchmark.id", Object[].class).getResultList()) {
            current.put((String) row[0], new java.util.ArrayList<>(java.util.Arrays.asList(row[1], row[2])));
        }
        for (Object[] row : Run.getEntityManager().createQuery("select e.run.benchmark.id, count(e), max(e.id) "
                + "from Evaluation e group by e.run.benchmark.id", Object[].class).getResultList()) {
            current.computeIfAbsent((String) row[0], k -> new java.util.ArrayList<>()).addAll(List.of(row[1], row[2]));
        }
        Map<String, List<Object>> previous = fingerprints;
        current.forEach((benchmark, print) -> {
            if (!print.equals(previous.get(benchmark))) {
                bump(benchmark);
            }
        });
        fingerprints = current;
    }
}
