package io.mtlboard.run;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-benchmark counters that change whenever a benchmark's leaderboard data may have changed;
 * caches key on them, so a submission to one benchmark leaves the others' caches warm. Writes in
 * this process bump a counter at once; writes by other processes sharing the database (replicas,
 * workers) are noticed by a per-benchmark fingerprint of the run table polled every two seconds.
 */
@ApplicationScoped
public class LeaderboardVersion {

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();

    /** Incremented by every change of any benchmark: the version of pages that show several. */
    private final AtomicLong overall = new AtomicLong();

    private volatile Map<String, List<Object>> fingerprints = Map.of();

    /** Runs written in this process since the board last read them, per benchmark; null: too many. */
    private final Map<String, Set<Long>> dirty = new ConcurrentHashMap<>();

    private static final int MAX_DIRTY = 20_000;
    @Inject TransactionSynchronizationRegistry transactions;

    /** The part of every benchmark's version that {@link #bumpAll()} changes. */
    public long global() {
        return global.get();
    }

    /**
     * Marks one run of a benchmark as changed, so that its board re-reads that run alone. Inside a
     * transaction the mark is repeated when the transaction completes: a board computed between the
     * write and its commit cannot keep the old state of the run at the new version.
     */
    public void bump(String benchmarkId, long runId) {
        markDirty(benchmarkId, runId);
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(
                    new Synchronization() {
                        @Override
                        public void beforeCompletion() {}

                        @Override
                        public void afterCompletion(int status) {
                            markDirty(benchmarkId, runId);
                        }
                    });
        }
    }

    private void markDirty(String benchmarkId, long runId) {
        dirty.compute(
                benchmarkId,
                (k, ids) -> {
                    Set<Long> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                    if (set.size() < MAX_DIRTY) {
                        set.add(runId);
                    } else {
                        set.add(-1L);
                    }
                    return set;
                });
        bump(benchmarkId);
    }

    /**
     * The runs of a benchmark marked by {@link #bump(String, long)} since the last call, forgotten
     * by this call; null when there were too many to list (then the caller re-reads everything).
     */
    public Set<Long> drainDirty(String benchmarkId) {
        Set<Long> ids = dirty.remove(benchmarkId);
        if (ids == null) {
            return Set.of();
        }
        return ids.contains(-1L) ? null : Set.copyOf(ids);
    }

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

    /** How many benchmark ids have a counter of their own (only bumped ones need one). */
    int counted() {
        return versions.size();
    }

    private AtomicLong counter(String benchmarkId) {
        return versions.computeIfAbsent(benchmarkId, k -> new AtomicLong());
    }

    @Scheduled(
            every = "2s",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void poll() {
        Map<String, List<Object>> current = fingerprint();
        Map<String, List<Object>> previous = fingerprints;
        current.forEach(
                (benchmark, print) -> {
                    if (!print.equals(previous.get(benchmark))) {
                        bump(benchmark);
                    }
                });
        fingerprints = current;
    }

    /**
     * The fingerprint as the portal starts serving, after the start-up imports: the first poll then
     * bumps only what changed since, and the caches filled in the first seconds stay valid.
     */
    @Transactional
    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        fingerprints = fingerprint();
    }

    /**
     * Per benchmark, the number of runs and the latest run update: every write that changes a board
     * stamps its run's {@code updated_at} ({@link RunService}, evaluations and diagnostics included),
     * so the run table alone tells; the query reads only the (benchmark, updated_at) index.
     */
    private Map<String, List<Object>> fingerprint() {
        Map<String, List<Object>> current = new HashMap<>();
        for (Object[] row :
                Run.getEntityManager()
                        .createQuery(
                                "select r.benchmark.id, count(r), max(r.updatedAt) "
                                        + "from Run r group by r.benchmark.id",
                                Object[].class)
                        .getResultList()) {
            current.put((String) row[0], Arrays.asList(row[1], row[2]));
        }
        return current;
    }
}
