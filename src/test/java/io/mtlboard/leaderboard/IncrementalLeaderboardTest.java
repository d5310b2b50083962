package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunClaim;
import io.mtlboard.run.RunSource;
import io.mtlboard.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service's board follows single-run writes without a full recomputation, and equals one. */
@QuarkusTest
class IncrementalLeaderboardTest {

    private static final String OFFICE = "office-home";

    @Inject LiveBoards boards;
    @Inject LeaderboardVersion version;
    @Inject BoardRepository repository;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void remove() {
        QuarkusTransaction.requiringNew().run(() -> created.forEach(id -> Run.deleteById(id)));
        version.bumpAll();
    }

    private long run(String method, int seed, double accuracy, boolean markRun) {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = new Run();
                                    run.benchmark = Benchmark.byId(OFFICE).orElseThrow();
                                    run.backbone = Backbone.byId("resnet18").orElseThrow();
                                    run.method = Method.byId(method).orElseThrow();
                                    run.optimizer = "adamw";
                                    run.gradientLevel = "param";
                                    run.seed = seed;
                                    run.source = RunSource.SUBMITTED;
                                    run.protocol = Protocols.MTLBOARD;
                                    run.status = RunStatus.CLAIMED;
                                    run.createdAt = OffsetDateTime.now();
                                    run.updatedAt = run.createdAt;
                                    for (BenchmarkMetric m : run.benchmark.metrics()) {
                                        RunClaim c = new RunClaim();
                                        c.run = run;
                                        c.metric = m;
                                        c.claimed = accuracy;
                                        run.claims.add(c);
                                    }
                                    run.persist();
                                    if (markRun) {
                                        version.bump(OFFICE, run.id);
                                    }
                                    return run.id;
                                });
        created.add(id);
        if (!markRun) {
            // as the poll does for writes by another process: the benchmark changed, not which run
            version.bump(OFFICE);
        }
        return id;
    }

    private List<BoardCalculator.BoardRow> fullRecomputation() {
        Board board = boards.board(OFFICE);
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                BoardCalculator.rows(
                                        board.metrics(),
                                        repository.runFacts(Benchmark.byId(OFFICE).orElseThrow())));
    }

    private boolean listed(long runId) {
        return boards.board(OFFICE).rows().stream().anyMatch(r -> r.runIds().contains(runId));
    }

    @Test
    void shouldShowAWriteOnTheNextReadAndEqualAFullRecomputation() {
        boards.board(OFFICE);
        long stl = run("stl", 0, 60, true);
        assertThat(listed(stl)).isTrue();
        long ew = run("ew", 0, 62, true);
        long ew2 = run("ew", 1, 64, false);
        assertThat(listed(ew)).isTrue();
        assertThat(listed(ew2)).isTrue();
        assertThat(boards.board(OFFICE).rows()).isEqualTo(fullRecomputation());

        // withdrawn: the row loses the run at the next read
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run r = Run.findById(ew);
                            r.status = RunStatus.WITHDRAWN;
                            r.updatedAt = OffsetDateTime.now();
                            version.bump(OFFICE, ew);
                        });
        assertThat(listed(ew)).isFalse();
        assertThat(listed(ew2)).isTrue();
        assertThat(boards.board(OFFICE).rows()).isEqualTo(fullRecomputation());
    }
}
