package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunClaim;
import io.mtlboard.run.RunSource;
import io.mtlboard.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first board after a start comes from the board's snapshot and the runs changed since it was
 * taken, and equals a board read from all runs; a snapshot that no longer matches the database is
 * not used. "A start" is simulated by forgetting every board the service holds.
 */
@QuarkusTest
class BoardSnapshotTest {

    private static final String OFFICE = "office-home";
    private static final String BACKBONE = "mobilenet-like";

    @Inject LiveBoards boards;
    @Inject BoardRepository repository;
    @Inject BoardSnapshots snapshots;
    @Inject LeaderboardVersion version;

    private final List<Long> created = new ArrayList<>();
    private Path file;

    @BeforeEach
    void startWithoutSnapshot() throws Exception {
        file = snapshots.file(OFFICE);
        Files.deleteIfExists(file);
    }

    @AfterEach
    void removeCreatedRuns() throws Exception {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (Long id : created) {
                                Evaluation.delete("run.id", id);
                                Run.deleteById(id);
                            }
                        });
        version.bumpAll();
        boards.awaitSnapshots();
        Files.deleteIfExists(file);
    }

    /**
     * A listed run in this test's setting, by default last updated an hour ago (before any
     * snapshot's late-commit margin, so only a snapshot or a full read can bring it).
     */
    private long run(String method, int seed, double accuracy) {
        return run(method, seed, accuracy, OffsetDateTime.now().minusHours(1), true);
    }

    private long run(String method, int seed, double accuracy, OffsetDateTime at, boolean bumpAll) {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = new Run();
                                    run.benchmark = Benchmark.byId(OFFICE).orElseThrow();
                                    run.backbone = Backbone.byId(BACKBONE).orElseThrow();
                                    run.method = Method.byId(method).orElseThrow();
                                    run.optimizer = "adam";
                                    run.gradientLevel = "param";
                                    run.seed = seed;
                                    run.source = RunSource.SUBMITTED;
                                    run.protocol = Protocols.MTLBOARD;
                                    run.status = RunStatus.CLAIMED;
                                    run.createdAt = at;
                                    run.updatedAt = run.createdAt;
                                    for (BenchmarkMetric m : run.benchmark.metrics()) {
                                        RunClaim c = new RunClaim();
                                        c.run = run;
                                        c.metric = m;
                                        c.claimed = accuracy;
                                        run.claims.add(c);
                                    }
                                    run.persist();
                                    return run.id;
                                });
        created.add(id);
        if (bumpAll) {
            version.bumpAll();
        }
        return id;
    }

    private List<BoardCalculator.BoardRow> rowsAfterStart() {
        boards.forgetBoards();
        return boards.board(OFFICE).rows();
    }

    private List<BoardCalculator.BoardRow> rowsFromAllRuns() {
        Board board = boards.board(OFFICE);
        return new IncrementalBoard(
                        board.metrics(), repository.runFacts(Benchmark.byId(OFFICE).orElseThrow()))
                .rows();
    }

    private String key() {
        return snapshots.key(OFFICE, boards.board(OFFICE).metrics());
    }

    @Test
    void shouldServeTheSnapshotsRowsWhileNoRunChangedSinceAndItsFactsOnceOneDoes()
            throws Exception {
        run("ew", 0, 70);
        long mgda = run("mgda", 0, 71);
        rowsAfterStart();
        boards.awaitSnapshots();
        // the same board, its mgda row edited, taken "later" than every run's last update: only the
        // snapshot's rows can show 12.5
        List<BoardCalculator.BoardRow> edited =
                boards.board(OFFICE).rows().stream()
                        .map(r -> r.runIds().contains(mgda) ? withMean(r, 12.5) : r)
                        .toList();
        BoardSnapshotFile.write(
                file,
                key(),
                OffsetDateTime.now().plusHours(1),
                boards.boardFacts(OFFICE),
                boards.unlistedIds(OFFICE),
                edited);
        long loads = boards.snapshotLoads();
        long full = boards.fullReads();

        assertThat(mean(rowsAfterStart(), mgda)).isEqualTo(12.5);
        assertThat(boards.snapshotLoads()).isEqualTo(loads + 1);
        assertThat(boards.fullReads()).isEqualTo(full);

        // a write after the snapshot was taken: the board takes the snapshot's facts and applies
        // the new run
        long pcgrad = run("pcgrad", 0, 72, OffsetDateTime.now().plusHours(1).plusMinutes(1), false);
        version.bump(OFFICE, pcgrad);
        List<BoardCalculator.BoardRow> after = boards.board(OFFICE).rows();

        assertThat(boards.snapshotLoads()).isEqualTo(loads + 2);
        assertThat(boards.fullReads()).isEqualTo(full);
        assertThat(mean(after, mgda)).isEqualTo(71.0);
        assertThat(after.stream().flatMap(r -> r.runIds().stream())).contains(pcgrad);
        assertThat(after).isEqualTo(rowsFromAllRuns());
    }

    @Test
    void shouldStartFromTheSnapshotsFactsAndTheRunsChangedSince() throws Exception {
        long ew = run("ew", 0, 70);
        run("mgda", 0, 71);
        long rejected = run("imtl", 0, 69);
        QuarkusTransaction.requiringNew()
                .run(() -> Run.<Run>findById(rejected).status = RunStatus.REJECTED);
        long full = boards.fullReads();
        rowsAfterStart();
        assertThat(boards.fullReads()).isEqualTo(full + 1);
        assertThat(boards.unlistedIds(OFFICE)).contains(rejected);
        boards.awaitSnapshots();
        assertThat(file).exists();

        // changes after the snapshot: a new run, and a withdrawal (both update the run's time)
        long pcgrad = run("pcgrad", 0, 72, OffsetDateTime.now(), true);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run r = Run.findById(ew);
                            r.status = RunStatus.WITHDRAWN;
                            r.updatedAt = OffsetDateTime.now();
                        });
        long loads = boards.snapshotLoads();
        full = boards.fullReads();

        List<BoardCalculator.BoardRow> started = rowsAfterStart();

        assertThat(boards.snapshotLoads()).isEqualTo(loads + 1);
        assertThat(boards.fullReads()).isEqualTo(full);
        assertThat(started).isEqualTo(rowsFromAllRuns());
        assertThat(started.stream().flatMap(r -> r.runIds().stream()))
                .contains(pcgrad)
                .doesNotContain(ew, rejected);
        assertThat(boards.unlistedIds(OFFICE)).contains(ew, rejected);
    }

    @Test
    void shouldTakeTheFactsOfRunsUnchangedSinceTheSnapshotFromIt() throws Exception {
        long mgda = run("mgda", 0, 71);
        rowsAfterStart();
        boards.awaitSnapshots();
        // a snapshot whose facts of an unchanged run differ from the database: proves they are read
        BoardSnapshots.Snapshot taken = BoardSnapshotFile.read(file, key()).orElseThrow();
        List<BoardCalculator.RunFacts> edited =
                taken.facts().stream()
                        .map(f -> f.runId() == mgda ? withValues(f, 12.5) : f)
                        .toList();
        BoardSnapshotFile.write(
                file,
                key(),
                taken.takenAt(),
                edited,
                taken.unlisted(),
                boards.board(OFFICE).rows());
        run("pcgrad", 0, 72, OffsetDateTime.now(), true); // a change since: the rows alone won't do

        assertThat(mean(rowsAfterStart(), mgda)).isEqualTo(12.5);
    }

    @Test
    void shouldReadAllRunsWhenARunWasDeletedOutright() throws Exception {
        long mgda = run("mgda", 0, 71);
        // a run deleted outright leaves no trace in the run times: the count and id sum catch it
        long gone = run("pcgrad", 0, 72);
        rowsAfterStart();
        String key = key();
        List<BoardCalculator.RunFacts> withGone = boards.boardFacts(OFFICE);
        List<BoardCalculator.BoardRow> rowsWithGone = boards.board(OFFICE).rows();
        assertThat(withGone).anyMatch(f -> f.runId() == gone);
        boards.awaitSnapshots();
        QuarkusTransaction.requiringNew().run(() -> Run.deleteById(gone));
        created.remove(Long.valueOf(gone));
        for (OffsetDateTime at :
                List.of(OffsetDateTime.now().plusHours(1), OffsetDateTime.now().minusHours(2))) {
            // taken after every update (the rows would do) and before (the facts would do); the
            // snapshot the previous round's full read writes in the background must not land on
            // this one
            boards.awaitSnapshots();
            BoardSnapshotFile.write(
                    file, key, at, withGone, boards.unlistedIds(OFFICE), rowsWithGone);
            long loads = boards.snapshotLoads();
            long full = boards.fullReads();
            List<BoardCalculator.BoardRow> started = rowsAfterStart();

            assertThat(boards.snapshotLoads()).as("taken at %s", at).isEqualTo(loads);
            assertThat(boards.fullReads()).isEqualTo(full + 1);
            assertThat(started).isEqualTo(rowsFromAllRuns());
            assertThat(started.stream().flatMap(r -> r.runIds().stream()))
                    .contains(mgda)
                    .doesNotContain(gone);
        }
    }

    @Test
    void shouldReadAllRunsWhenTheSnapshotIsCorruptOrOfAnotherDatabase() throws Exception {
        run("ew", 0, 70);
        rowsAfterStart();
        boards.awaitSnapshots();
        byte[] whole = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 3));
        long full = boards.fullReads();
        assertThat(rowsAfterStart()).isEqualTo(rowsFromAllRuns());
        assertThat(boards.fullReads()).isEqualTo(full + 1);
        boards.awaitSnapshots();

        BoardSnapshotFile.write(
                file,
                "another database",
                OffsetDateTime.now().plusHours(1),
                boards.boardFacts(OFFICE),
                boards.unlistedIds(OFFICE),
                boards.board(OFFICE).rows());
        assertThat(rowsAfterStart()).isEqualTo(rowsFromAllRuns());
        assertThat(boards.fullReads()).isEqualTo(full + 2);
    }

    @Test
    void shouldBringTheBoardUpToDateBeforeTheSnapshotAtShutdown() throws Exception {
        run("ew", 0, 70);
        rowsAfterStart();
        boards.awaitSnapshots();
        OffsetDateTime before = OffsetDateTime.now();
        // written by another process: no mark in this one, only the run's time
        long other = run("mgda", 0, 71, OffsetDateTime.now(), false);

        boards.snapshotAll();
        boards.awaitSnapshots();

        BoardSnapshots.Snapshot taken = BoardSnapshotFile.read(file, key()).orElseThrow();
        assertThat(taken.takenAt()).isAfterOrEqualTo(before);
        assertThat(taken.facts()).anyMatch(f -> f.runId() == other);
    }

    private static BoardCalculator.BoardRow withMean(BoardCalculator.BoardRow r, double mean) {
        Map<String, SeedStats> metrics = new java.util.LinkedHashMap<>();
        r.metrics().forEach((k, v) -> metrics.put(k, new SeedStats(v.n(), mean, v.std())));
        return new BoardCalculator.BoardRow(
                r.settingId(),
                r.backboneId(),
                r.protocol(),
                r.methodId(),
                r.methodName(),
                r.optimizer(),
                r.gradientLevel(),
                r.source(),
                r.citation(),
                r.seeds(),
                r.runIds(),
                metrics,
                r.deltaMPerTask(),
                r.deltaMFlat(),
                r.baseline(),
                r.role(),
                r.published());
    }

    private static BoardCalculator.RunFacts withValues(BoardCalculator.RunFacts f, double value) {
        Map<String, Double> values = new HashMap<>();
        f.values().keySet().forEach(k -> values.put(k, value));
        return new BoardCalculator.RunFacts(
                f.runId(),
                f.methodId(),
                f.methodName(),
                f.backboneId(),
                f.optimizer(),
                f.gradientLevel(),
                f.source(),
                f.seed(),
                f.reportedSeeds(),
                f.owner(),
                f.protocol(),
                f.baselineProtocol(),
                f.baselineOptimizer(),
                f.citation(),
                f.published(),
                Map.copyOf(values));
    }

    private static double mean(List<BoardCalculator.BoardRow> rows, long runId) {
        return rows.stream()
                .filter(r -> r.runIds().contains(runId))
                .findFirst()
                .orElseThrow()
                .metrics()
                .values()
                .iterator()
                .next()
                .mean();
    }
}
