package io.mtlboard.run;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Per-benchmark counters that change whenever a benchmark's leaderboard data may have changed;
 * caches key on them, so a submission to one benchmark leaves the others' caches warm. Writes in
 * this process bump a counter at once; writes by other processes sharing the database (replicas,
 * workers) are noticed by a per-benchmark fingerprint of the run table: its latest update, polled
 * every two seconds, and its run count, read when that moved and every 30 seconds.
 */
@ApplicationScoped
public class LeaderboardVersion {

    private static final Logger LOG = Logger.getLogger(LeaderboardVersion.class);

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong global = new AtomicLong();

    /** Incremented by every change of any benchmark: the version of pages that show several. */
    private final AtomicLong overall = new AtomicLong();

    /** The last fingerprint read; null until the first is taken after start-up. */
    private Map<String, List<Object>> fingerprints;

    /** Runs written in this process since the board last read them, per benchmark; null: too many. */
    private final Map<String, Set<Long>> dirty = new ConcurrentHashMap<>();

    private static final int MAX_DIRTY = 20_000;

    /**
     * Writes committed by this process that the poll has not yet seen, per benchmark: run id → the
     * {@code updated_at} it wrote and whether it created the run. The poll does not bump a benchmark
     * again for changes these writes explain: they were bumped when they were made, and a second bump
     * would only render the same board twice.
     */
    private final Map<String, Map<Long, OwnWrite>> own = new ConcurrentHashMap<>();

    private static final int MAX_OWN = 10_000;

    private record OwnWrite(Instant updatedAt, boolean created) {}

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

    /**
     * Marks a run written by this process (its {@code updated_at} stamped), as {@link #bump(String,
     * long)} does, and remembers the write once committed, so that the poll recognises it as this
     * process's own and does not bump the benchmark a second time for it.
     */
    public void written(Run run, boolean created) {
        // the database keeps microseconds: stamp what it will store, so the poll can recognise it
        run.updatedAt = run.updatedAt.truncatedTo(ChronoUnit.MICROS);
        String benchmarkId = run.benchmark.id;
        long runId = run.id;
        OwnWrite write = new OwnWrite(micros(run.updatedAt), created);
        bump(benchmarkId, runId);
        if (transactions != null && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(
                    new Synchronization() {
                        @Override
                        public void beforeCompletion() {}

                        @Override
                        public void afterCompletion(int status) {
                            if (status == Status.STATUS_COMMITTED) {
                                remember(benchmarkId, runId, write);
                            }
                        }
                    });
        } else {
            remember(benchmarkId, runId, write);
        }
    }

    private void remember(String benchmarkId, long runId, OwnWrite write) {
        own.compute(
                benchmarkId,
                (k, writes) -> {
                    Map<Long, OwnWrite> map = writes == null ? new HashMap<>() : writes;
                    if (map.size() < MAX_OWN) {
                        map.merge(
                                runId,
                                write,
                                (a, b) -> new OwnWrite(b.updatedAt(), a.created() || b.created()));
                    } else {
                        map.put(-1L, write); // too many to account for: the poll bumps
                    }
                    return map;
                });
    }

    private static Instant micros(OffsetDateTime at) {
        return at == null ? null : at.toInstant().truncatedTo(ChronoUnit.MICROS);
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
    synchronized void poll() {
        Map<String, List<Object>> previous = fingerprints;
        polls++;
        if (previous != null && polls % COUNT_EVERY != 0 && latestUnchanged(previous)) {
            return; // nothing updated; runs deleted outright show in the count, read less often
        }
        Map<String, List<Object>> current = fingerprint();
        if (previous == null) {
            // no fingerprint from the start (it failed): what changed since is unknown
            fingerprints = current;
            current.keySet().forEach(this::bump);
            return;
        }
        current.forEach(
                (benchmark, print) -> {
                    List<Object> before = previous.get(benchmark);
                    if (!print.equals(before) && !ownWritesExplain(benchmark, before, print)) {
                        bump(benchmark);
                    }
                });
        previous.keySet().stream()
                .filter(benchmark -> !current.containsKey(benchmark))
                .forEach(this::bump);
        fingerprints = current;
    }

    /** Every how many polls the run counts are read even when no run was updated. */
    private static final int COUNT_EVERY = 15;

    private long polls;

    /**
     * Whether the latest run update of every benchmark is the one of the last fingerprint: one index
     * seek per benchmark (the {@code (benchmark_id, updated_at)} index read backwards), where the
     * fingerprint's counts read the whole index. Every write stamps its run, so only a run deleted
     * outright goes unseen here; the counts are read every {@link #COUNT_EVERY} polls for that.
     */
    private boolean latestUnchanged(Map<String, List<Object>> previous) {
        int withRuns = 0;
        for (String benchmark :
                Run.getEntityManager()
                        .createQuery("select b.id from Benchmark b", String.class)
                        .getResultList()) {
            List<OffsetDateTime> latest =
                    Run.getEntityManager()
                            .createQuery(
                                    "select r.updatedAt from Run r where r.benchmark.id = ?1 "
                                            + "order by r.updatedAt desc",
                                    OffsetDateTime.class)
                            .setParameter(1, benchmark)
                            .setMaxResults(1)
                            .getResultList();
            List<Object> before = previous.get(benchmark);
            if (latest.isEmpty()) {
                if (before != null) {
                    return false;
                }
                continue;
            }
            withRuns++;
            if (before == null || !latest.get(0).equals(before.get(1))) {
                return false;
            }
        }
        return withRuns == previous.size();
    }

    /**
     * Whether this process's own committed writes account for the change of a benchmark's
     * fingerprint from {@code before} to {@code after}: every run updated after the earlier latest
     * update is one of them with the very {@code updated_at} it wrote, and the count changed by the
     * number of runs they created. Anything else (a write by another process, a run deleted) is not
     * explained. The writes seen are forgotten either way.
     */
    private boolean ownWritesExplain(String benchmark, List<Object> before, List<Object> after) {
        Map<Long, OwnWrite> writes = own.remove(benchmark);
        if (writes == null || writes.containsKey(-1L) || before == null || before.get(1) == null) {
            return false;
        }
        OffsetDateTime since = (OffsetDateTime) before.get(1);
        OffsetDateTime until = (OffsetDateTime) after.get(1);
        List<Object[]> changed =
                Run.getEntityManager()
                        .createQuery(
                                "select r.id, r.updatedAt from Run r "
                                        + "where r.benchmark.id = ?1 and r.updatedAt > ?2 "
                                        + "and r.updatedAt <= ?3",
                                Object[].class)
                        .setParameter(1, benchmark)
                        .setParameter(2, since)
                        .setParameter(3, until)
                        .setMaxResults(writes.size() + 1)
                        .getResultList();
        long created = 0;
        for (Object[] row : changed) {
            OwnWrite write = writes.get((Long) row[0]);
            if (write == null || !write.updatedAt().equals(micros((OffsetDateTime) row[1]))) {
                return false;
            }
            created += write.created() ? 1 : 0;
        }
        Instant latest = micros(until);
        // writes stamped after the fingerprint was read belong to the next poll
        writes.entrySet().stream()
                .filter(e -> latest != null && e.getValue().updatedAt().isAfter(latest))
                .forEach(e -> remember(benchmark, e.getKey(), e.getValue()));
        return ((Long) after.get(0)) - ((Long) before.get(0)) == created;
    }

    /**
     * The fingerprint as the portal starts serving, after the start-up imports, taken on a thread of
     * its own (the first poll waits for it): the first poll then bumps only what changed since, and
     * the caches filled in the first seconds stay valid.
     */
    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        // beside the start-up, not in it: the first query of the run table also warms up the
        // query parser, which the portal need not wait for
        Thread baseline =
                new Thread(
                        () -> {
                            try {
                                QuarkusTransaction.requiringNew().run(this::takeBaseline);
                            } catch (RuntimeException e) {
                                if (stopping) {
                                    // stopped before it was taken: the data source is closing
                                    LOG.debugf("Start-up fingerprint not taken: stopping (%s)", e);
                                } else {
                                    LOG.warnf(e, "Start-up fingerprint of the runs not taken");
                                }
                            }
                        },
                        "leaderboard-version-baseline");
        baseline.setDaemon(true);
        baseline.start();
    }

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private synchronized void takeBaseline() {
        if (fingerprints == null) {
            fingerprints = fingerprint();
        }
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
