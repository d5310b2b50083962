package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.NotFoundProblem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * The aggregated rows of every benchmark's leaderboard, kept live: computed once per benchmark and
 * data version ({@link LeaderboardVersion}), then brought up to date run by run by an {@link
 * IncrementalBoard}, started from the board's snapshot ({@link BoardSnapshots}) where one is usable
 * and written back to it in the background. {@link LeaderboardService} filters, ranks and pages
 * these rows.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class LiveBoards {

    private final MtlboardConfig config;
    private final LeaderboardVersion version;
    private final BoardRepository repository;
    private final BoardSnapshots snapshots;
    private final Protocols protocols;
    private final Map<String, Board> boards = new ConcurrentHashMap<>();
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    /** Runs updated this long before the last read are read again: a write by another process may commit late. */
    static final Duration LATE_COMMIT_MARGIN = Duration.ofMinutes(2);

    /** A board's facts are written again after this many changed runs, or this long after a change. */
    static final int SNAPSHOT_AFTER_RUNS = 1_000;

    static final Duration SNAPSHOT_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(LiveBoards.class);

    /** One background writer: snapshots of a board are written in the order they were taken. */
    private final ExecutorService snapshotWriter =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "board-snapshot-writer");
                        t.setDaemon(true);
                        return t;
                    });

    /** Changed runs above which (and above a tenth of the board) a board is read again in full. */
    static final int BULK_CHANGE = 2_000;

    /** A board served from snapshot rows gets its facts this long after the first request. */
    static final Duration WARM_AFTER = Duration.ofSeconds(5);

    /** Loads boards served from snapshot rows in the background. */
    private final ExecutorService warmer =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "board-warmer");
                        t.setDaemon(true);
                        return t;
                    });

    /** Boards read in full from the database, and boards read from a snapshot (tests, logs). */
    private final AtomicLong fullReads = new AtomicLong();

    private final AtomicLong snapshotLoads = new AtomicLong();

    /** Striped locks: bounded, whatever the keys clients send. */
    private final Object[] locks = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    LiveBoards(
            MtlboardConfig config,
            LeaderboardVersion version,
            BoardRepository repository,
            BoardSnapshots snapshots,
            Protocols protocols) {
        this.config = config;
        this.snapshots = snapshots;
        this.protocols = protocols;
        this.version = version;
        this.repository = repository;
    }

    Board board(String benchmarkId) {
        long v = version.current(benchmarkId);
        Board cached = boards.get(benchmarkId);
        if (cached != null && cached.version() == v) {
            return cached;
        }
        // one computation per benchmark and version: concurrent readers of a stale board wait for
        // it
        synchronized (locks[Math.floorMod(benchmarkId.hashCode(), locks.length)]) {
            Board again = boards.get(benchmarkId);
            return again != null && again.version() == v ? again : compute(benchmarkId, v);
        }
    }

    private Board compute(String benchmarkId, long v) {
        Benchmark benchmark =
                Benchmark.byId(benchmarkId)
                        .orElseThrow(
                                () ->
                                        new NotFoundProblem(
                                                "No benchmark '"
                                                        + benchmarkId
                                                        + "'; known benchmarks: "
                                                        + Benchmark.allByName().stream()
                                                                .map(b -> b.id)
                                                                .toList()));
        List<BenchmarkMetric> metrics = benchmark.metrics();
        List<BoardCalculator.MetricInfo> infos =
                metrics.stream()
                        .map(
                                m ->
                                        new BoardCalculator.MetricInfo(
                                                m.key(), m.task.name, m.higherIsBetter))
                        .toList();
        List<LeaderboardView.MetricColumn> columns =
                metrics.stream()
                        .map(
                                m ->
                                        new LeaderboardView.MetricColumn(
                                                m.key(),
                                                m.task.name,
                                                m.name,
                                                m.title,
                                                m.higherIsBetter,
                                                m.unit))
                        .toList();
        List<BoardCalculator.BoardRow> rows = liveRows(benchmark, infos);
        List<Method> methods = Method.allByName();
        Board board =
                new Board(
                        v,
                        benchmark,
                        infos,
                        columns,
                        rows,
                        methods.stream()
                                .filter(m -> m.featureLevelName != null)
                                .collect(Collectors.toMap(m -> m.id, m -> m.featureLevelName)),
                        methods.stream()
                                .filter(m -> m.featureLevelCaveat != null)
                                .collect(Collectors.toMap(m -> m.id, m -> m.featureLevelCaveat)),
                        Backbone.allById().stream()
                                .collect(Collectors.toMap(b -> b.id, b -> b.name)),
                        protocols.all());
        boards.put(benchmarkId, board);
        return board;
    }

    /** Above this many runs missing from a board's extras, all of its benchmark's are read at once. */
    private static final int EXTRAS_BULK = 2_000;

    /**
     * The extras (seed, links, efficiency) of runs of a benchmark, kept beside its live board: a run's
     * entry is dropped whenever the board re-reads that run, so a page re-rendered after a write
     * reads the extras of the changed runs alone.
     */
    Map<Long, BoardRepository.RunExtra> extras(String benchmarkId, List<Long> ids) {
        Live state = live.get(benchmarkId);
        if (state == null) {
            return repository.extras(ids);
        }
        List<Long> missing = ids.stream().filter(id -> !state.extras.containsKey(id)).toList();
        Map<Long, BoardRepository.RunExtra> read = Map.of();
        if (!missing.isEmpty()) {
            long generation = state.extrasGeneration.get();
            read =
                    missing.size() > EXTRAS_BULK
                            ? repository.extrasOfBenchmark(benchmarkId)
                            : repository.extras(missing);
            synchronized (state.extras) {
                // a run re-read by the board meanwhile may have been read before its write
                if (state.extrasGeneration.get() == generation) {
                    state.extras.putAll(read);
                }
            }
        }
        Map<Long, BoardRepository.RunExtra> out = new HashMap<>();
        for (Long id : ids) {
            BoardRepository.RunExtra x = state.extras.getOrDefault(id, read.get(id));
            if (x != null) {
                out.put(id, x);
            }
        }
        return out;
    }

    /** A benchmark's incrementally maintained rows and the moment they were last brought up to date. */
    private static final class Live {
        final long global;
        final List<BoardCalculator.MetricInfo> metrics;

        /** The board, or null while the rows come from a snapshot that nothing has changed since. */
        IncrementalBoard board;

        /** The rows served while {@link #board} is null. */
        List<BoardCalculator.BoardRow> snapshotRows;

        /** Ids of the benchmark's runs not on the board (hidden or not listed): kept for the snapshot check. */
        final Set<Long> unlisted;

        /** The snapshot key under which this board's facts are written (null: snapshots off). */
        final String snapshotKey;

        OffsetDateTime watermark;

        /** Extras of the board's runs read so far ({@link #extras}). */
        final Map<Long, BoardRepository.RunExtra> extras = new ConcurrentHashMap<>();

        /** Changes whenever runs are dropped from {@link #extras}. */
        final AtomicLong extrasGeneration = new AtomicLong();

        /** Runs applied since the facts were last written, and when that was. */
        long changedSinceSnapshot;

        OffsetDateTime snapshotAt;

        Live(
                long global,
                List<BoardCalculator.MetricInfo> metrics,
                IncrementalBoard board,
                Set<Long> unlisted,
                String snapshotKey,
                OffsetDateTime watermark) {
            this.global = global;
            this.metrics = metrics;
            this.board = board;
            this.unlisted = unlisted;
            this.snapshotKey = snapshotKey;
            this.watermark = watermark;
        }

        List<BoardCalculator.BoardRow> rows() {
            return board != null ? board.rows() : snapshotRows;
        }
    }

    /**
     * The rows of a benchmark at the current data: after a registry or literature reload from all
     * runs; on the first read from the board's snapshot — its rows alone when no run changed since it
     * was taken, else its facts and the runs changed since — or from all runs when there is no usable
     * snapshot; otherwise by re-reading only the runs written since the last read — those this process
     * marked ({@link LeaderboardVersion#bump(String, long)}) and those any process updated since then
     * (with a margin for transactions that committed late) — and applying them to the {@link
     * IncrementalBoard}.
     */
    private List<BoardCalculator.BoardRow> liveRows(
            Benchmark benchmark, List<BoardCalculator.MetricInfo> metrics) {
        OffsetDateTime started = OffsetDateTime.now();
        long global = version.global();
        Set<Long> dirty = version.drainDirty(benchmark.id);
        Live state = live.get(benchmark.id);
        if (state == null
                || state.global != global
                || dirty == null
                || !state.metrics.equals(metrics)) {
            String key =
                    config.leaderboard().snapshots() ? snapshots.key(benchmark.id, metrics) : null;
            if (state == null && key != null) {
                Live unchanged = fromSnapshotRows(benchmark, metrics, global, key, started);
                if (unchanged != null) {
                    live.put(benchmark.id, unchanged);
                    warmLater(benchmark.id);
                    return unchanged.rows();
                }
            }
            Restored restored =
                    state == null && key != null ? fromSnapshot(benchmark, metrics) : null;
            boolean full = restored == null;
            if (full) {
                restored = fullRead(benchmark, metrics);
            }
            state = new Live(global, metrics, restored.board, restored.unlisted, key, started);
            live.put(benchmark.id, state);
            if (full || restored.changed > 0) {
                // a snapshot as of now: the next start needs neither all runs nor these changes
                saveSnapshot(benchmark.id, state);
            } else {
                state.snapshotAt = started;
            }
            return state.rows();
        }
        Set<Long> ids = new HashSet<>(dirty);
        ids.addAll(
                repository.updatedSince(benchmark.id, state.watermark.minus(LATE_COMMIT_MARGIN)));
        if (!ids.isEmpty()) {
            synchronized (state.extras) {
                state.extrasGeneration.incrementAndGet();
                state.extras.keySet().removeAll(ids);
            }
            ensureBoard(benchmark, state);
            if (tooMany(ids.size(), state.board.runs())) {
                // one read of all runs is faster than re-reading most of them by id
                Restored all = fullRead(benchmark, metrics);
                state.board = all.board;
                state.unlisted.clear();
                state.unlisted.addAll(all.unlisted);
            } else {
                update(benchmark.id, state.board, state.unlisted, ids);
            }
            state.changedSinceSnapshot += ids.size();
        }
        state.watermark = started;
        if (state.changedSinceSnapshot >= SNAPSHOT_AFTER_RUNS
                || (state.changedSinceSnapshot > 0
                        && state.snapshotAt != null
                        && state.snapshotAt.plus(SNAPSHOT_AFTER).isBefore(started))) {
            saveSnapshot(benchmark.id, state);
        }
        return state.rows();
    }

    /**
     * Whether so many runs changed (a bulk import, a restart right after one) that reading all runs
     * is faster than re-reading the changed ones by id.
     */
    static boolean tooMany(int changed, int runs) {
        return changed > Math.max(BULK_CHANGE, runs / 10);
    }

    private Restored fullRead(Benchmark benchmark, List<BoardCalculator.MetricInfo> metrics) {
        fullReads.incrementAndGet();
        return new Restored(
                new IncrementalBoard(metrics, repository.runFacts(benchmark)),
                new HashSet<>(repository.unlistedIds(benchmark.id)),
                0);
    }

    /**
     * The board served from its snapshot's rows, when no run of the benchmark was updated since the
     * snapshot was taken (minus the late-commit margin) and the benchmark's runs still add up to the
     * snapshot's (count and id sum); else null.
     */
    private Live fromSnapshotRows(
            Benchmark benchmark,
            List<BoardCalculator.MetricInfo> metrics,
            long global,
            String key,
            OffsetDateTime started) {
        long t0 = System.nanoTime();
        Optional<BoardSnapshots.Rows> rows = snapshots.readRows(benchmark.id, metrics);
        if (rows.isEmpty()
                || !repository
                        .updatedSince(benchmark.id, rows.get().takenAt().minus(LATE_COMMIT_MARGIN))
                        .isEmpty()) {
            return null;
        }
        Set<Long> unlisted = new HashSet<>(rows.get().unlisted());
        if (!addsUp(benchmark.id, rows.get().runs(), rows.get().idSum(), unlisted)) {
            return null;
        }
        Live state = new Live(global, metrics, null, unlisted, key, started);
        state.snapshotRows = rows.get().rows();
        state.snapshotAt = rows.get().takenAt();
        snapshotLoads.incrementAndGet();
        LOG.infof(
                "Board of %s from its snapshot's %d rows (%d runs, none changed since) in %d ms",
                benchmark.id,
                rows.get().rows().size(),
                rows.get().runs(),
                (System.nanoTime() - t0) / 1_000_000);
        return state;
    }

    /**
     * Gives a board served from snapshot rows its {@link IncrementalBoard} (from the snapshot's facts,
     * or from all runs), so that changes can be applied; the caller holds the benchmark's lock.
     */
    private void ensureBoard(Benchmark benchmark, Live state) {
        if (state.board != null) {
            return;
        }
        Restored restored = fromSnapshot(benchmark, state.metrics);
        if (restored == null) {
            restored = fullRead(benchmark, state.metrics);
        }
        state.board = restored.board;
        state.unlisted.clear();
        state.unlisted.addAll(restored.unlisted);
        state.snapshotRows = null;
    }

    /**
     * Loads the board of a benchmark served from snapshot rows a few seconds after the first request,
     * in the background, so that the first change after a start does not wait for it.
     */
    private void warmLater(String benchmarkId) {
        CompletableFuture.runAsync(
                () -> {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> warm(benchmarkId));
                    } catch (RuntimeException e) {
                        LOG.infof("Board of %s not warmed: %s", benchmarkId, e.toString());
                    }
                },
                CompletableFuture.delayedExecutor(
                        WARM_AFTER.toMillis(), TimeUnit.MILLISECONDS, warmer));
    }

    private void warm(String benchmarkId) {
        Benchmark benchmark = Benchmark.byId(benchmarkId).orElse(null);
        if (benchmark == null) {
            return;
        }
        synchronized (locks[Math.floorMod(benchmarkId.hashCode(), locks.length)]) {
            Live state = live.get(benchmarkId);
            if (state != null && state.board == null) {
                ensureBoard(benchmark, state);
            }
        }
    }

    /**
     * The board from its snapshot brought up to date with the runs updated since it was taken, or
     * null when there is no usable snapshot or the result does not hold exactly the benchmark's
     * listed runs (count and id sum).
     */
    private Restored fromSnapshot(Benchmark benchmark, List<BoardCalculator.MetricInfo> metrics) {
        long t0 = System.nanoTime();
        Optional<BoardSnapshots.Snapshot> snapshot = snapshots.read(benchmark.id, metrics);
        if (snapshot.isEmpty()) {
            return null;
        }
        long t1 = System.nanoTime();
        IncrementalBoard board = new IncrementalBoard(metrics, snapshot.get().facts());
        Set<Long> unlisted = snapshot.get().unlisted();
        long t2 = System.nanoTime();
        List<Long> ids =
                repository.updatedSince(
                        benchmark.id, snapshot.get().takenAt().minus(LATE_COMMIT_MARGIN));
        if (tooMany(ids.size(), board.runs())) {
            LOG.infof(
                    "Board snapshot of %s not used: %d of its %d runs changed since (a bulk"
                            + " change): reading all runs",
                    benchmark.id, ids.size(), board.runs());
            return null;
        }
        if (!ids.isEmpty()) {
            update(benchmark.id, board, unlisted, ids);
        }
        long t3 = System.nanoTime();
        boolean addsUp = addsUp(benchmark.id, board.runs(), board.idSum(), unlisted);
        long t4 = System.nanoTime();
        if (!addsUp) {
            return null;
        }
        snapshotLoads.incrementAndGet();
        LOG.infof(
                "Board of %s from its snapshot: %d runs read in %d ms, rows in %d ms, %d runs"
                        + " changed since read in %d ms, checked against the database in %d ms",
                benchmark.id,
                snapshot.get().facts().size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                ids.size(),
                (t3 - t2) / 1_000_000,
                (t4 - t3) / 1_000_000);
        return new Restored(board, unlisted, ids.size());
    }

    /**
     * Whether a board's runs and the unlisted ids beside it are exactly the benchmark's runs (count
     * and id sum, from the index); logs the difference when not.
     */
    private boolean addsUp(String benchmarkId, long runs, long idSum, Set<Long> unlisted) {
        long[] check = repository.checksum(benchmarkId);
        long count = runs + unlisted.size();
        long sum = idSum + unlisted.stream().mapToLong(Long::longValue).sum();
        if (check[0] == count && check[1] == sum) {
            return true;
        }
        LOG.infof(
                "Board snapshot of %s does not match the database (%d runs, id sum %d; snapshot"
                        + " brought up to date: %d runs, id sum %d): reading all runs",
                benchmarkId, check[0], check[1], count, sum);
        return false;
    }

    /** A board and the ids of its benchmark's runs that are not on it. */
    private record Restored(IncrementalBoard board, Set<Long> unlisted, int changed) {}

    /** Re-reads the given runs and applies them: listed ones to the board, the others to {@code unlisted}. */
    private void update(
            String benchmarkId, IncrementalBoard board, Set<Long> unlisted, Collection<Long> ids) {
        List<BoardCalculator.RunFacts> fresh = repository.runFacts(benchmarkId, ids);
        Set<Long> gone = new HashSet<>(ids);
        fresh.forEach(f -> gone.remove(f.runId()));
        board.apply(fresh, gone);
        fresh.forEach(f -> unlisted.remove(f.runId()));
        unlisted.addAll(gone);
    }

    /** Writes a board's facts in the background (the caller holds the benchmark's lock). */
    private void saveSnapshot(String benchmarkId, Live state) {
        if (state.snapshotKey == null) {
            return;
        }
        if (state.board == null) {
            return;
        }
        List<BoardCalculator.RunFacts> facts = state.board.facts();
        List<BoardCalculator.BoardRow> rows = state.board.rows();
        List<Long> unlisted = new ArrayList<>(state.unlisted);
        OffsetDateTime at = state.watermark;
        String key = state.snapshotKey;
        state.changedSinceSnapshot = 0;
        state.snapshotAt = at;
        snapshotWriter.execute(() -> snapshots.write(benchmarkId, key, at, facts, unlisted, rows));
    }

    /**
     * At shutdown, every board that may have changed since its last snapshot is brought up to date
     * and written as of now (waits for the writes), so that the next start can serve its rows
     * unless runs change in the meantime.
     */
    void onStop(@Observes ShutdownEvent event) {
        snapshotAll();
        warmer.shutdownNow();
        snapshotWriter.shutdown();
        try {
            snapshotWriter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Brings every board that may have changed since its snapshot up to date and writes it. */
    void snapshotAll() {
        for (Map.Entry<String, Live> e : live.entrySet()) {
            synchronized (locks[Math.floorMod(e.getKey().hashCode(), locks.length)]) {
                Live state = e.getValue();
                if (state.board == null) {
                    continue; // served from snapshot rows that nothing changed since: still valid
                }
                try {
                    QuarkusTransaction.requiringNew().run(() -> refresh(e.getKey(), state));
                } catch (RuntimeException ex) {
                    LOG.infof(
                            "Board of %s not brought up to date at shutdown: %s",
                            e.getKey(), ex.toString());
                }
                saveSnapshot(e.getKey(), state);
            }
        }
    }

    /** Applies the runs updated since the board's watermark and moves it to now (the caller holds the lock). */
    private void refresh(String benchmarkId, Live state) {
        OffsetDateTime now = OffsetDateTime.now();
        Set<Long> ids =
                new HashSet<>(
                        repository.updatedSince(
                                benchmarkId, state.watermark.minus(LATE_COMMIT_MARGIN)));
        if (!ids.isEmpty() && !tooMany(ids.size(), state.board.runs())) {
            update(benchmarkId, state.board, state.unlisted, ids);
        } else if (!ids.isEmpty()) {
            return; // a bulk change: the next start reads all runs anyway
        }
        state.watermark = now;
    }

    long fullReads() {
        return fullReads.get();
    }

    long snapshotLoads() {
        return snapshotLoads.get();
    }

    /** Forgets every board, as a new process would start (tests). */
    void forgetBoards() {
        live.clear();
        boards.clear();
    }

    /** The facts of a benchmark's live board (tests). */
    List<BoardCalculator.RunFacts> boardFacts(String benchmarkId) {
        synchronized (locks[Math.floorMod(benchmarkId.hashCode(), locks.length)]) {
            Live state = live.get(benchmarkId);
            return state == null || state.board == null ? List.of() : state.board.facts();
        }
    }

    /** The ids of a benchmark's runs that its live board does not show (tests). */
    List<Long> unlistedIds(String benchmarkId) {
        synchronized (locks[Math.floorMod(benchmarkId.hashCode(), locks.length)]) {
            Live state = live.get(benchmarkId);
            return state == null ? List.of() : new ArrayList<>(state.unlisted);
        }
    }

    /** Waits until the snapshots handed to the writer so far are on disk (tests). */
    void awaitSnapshots() throws Exception {
        snapshotWriter.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }

    /**
     * Every listed run's metric values as the leaderboard uses them (claims, overridden by the
     * latest completed evaluation), by run id.
     */
    Map<Long, Map<String, Double>> values(String benchmarkId) {
        board(benchmarkId); // brings the live board up to date (404 for an unknown benchmark)
        Benchmark benchmark = Benchmark.byId(benchmarkId).orElseThrow();
        synchronized (locks[Math.floorMod(benchmarkId.hashCode(), locks.length)]) {
            Live state = live.get(benchmarkId);
            if (state == null) {
                Map<Long, Map<String, Double>> values = new HashMap<>();
                repository.runFacts(benchmark).forEach(f -> values.put(f.runId(), f.values()));
                return values;
            }
            ensureBoard(benchmark, state);
            return state.board.values();
        }
    }
}
