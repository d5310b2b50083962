package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.metric.DeltaM;
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

/**
 * The extras of a row (links, efficiency) are kept beside the live board between writes, and a
 * write to a run — in this process or in another — shows in the next read.
 */
@QuarkusTest
class RunExtrasCacheTest {

    private static final String OFFICE = "office-home";

    @Inject LeaderboardService service;
    @Inject LeaderboardVersion version;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void remove() {
        QuarkusTransaction.requiringNew().run(() -> created.forEach(id -> Run.deleteById(id)));
        version.bumpAll();
    }

    private long run(String codeUrl) {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = new Run();
                                    run.benchmark = Benchmark.byId(OFFICE).orElseThrow();
                                    run.backbone = Backbone.byId("resnet18").orElseThrow();
                                    run.method = Method.byId("gradvac").orElseThrow();
                                    run.optimizer = "sgd";
                                    run.gradientLevel = "param";
                                    run.seed = 0;
                                    run.source = RunSource.SUBMITTED;
                                    run.protocol = Protocols.MTLBOARD;
                                    run.status = RunStatus.CLAIMED;
                                    run.codeUrl = codeUrl;
                                    run.createdAt = OffsetDateTime.now();
                                    run.updatedAt = run.createdAt;
                                    for (BenchmarkMetric m : run.benchmark.metrics()) {
                                        RunClaim c = new RunClaim();
                                        c.run = run;
                                        c.metric = m;
                                        c.claimed = 50.0;
                                        run.claims.add(c);
                                    }
                                    run.persist();
                                    return run.id;
                                });
        created.add(id);
        version.bump(OFFICE, id);
        return id;
    }

    private void recode(long id, String codeUrl) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run run = Run.findById(id);
                            run.codeUrl = codeUrl;
                            run.updatedAt = OffsetDateTime.now();
                        });
    }

    private String code(long id) {
        return service
                .leaderboard(OFFICE, LeaderboardQuery.all(DeltaM.Convention.PER_TASK))
                .rows()
                .stream()
                .filter(r -> r.runIds().contains(id))
                .findFirst()
                .orElseThrow()
                .links()
                .code();
    }

    @Test
    void shouldShowAChangedRunsExtrasInTheNextRead() {
        long id = run("https://example.org/first");
        assertThat(code(id)).isEqualTo("https://example.org/first");

        // written in this process: the run is marked
        recode(id, "https://example.org/second");
        version.bump(OFFICE, id);
        assertThat(code(id)).isEqualTo("https://example.org/second");

        // written by another process: only its updated_at tells
        recode(id, "https://example.org/third");
        version.bump(OFFICE);
        assertThat(code(id)).isEqualTo("https://example.org/third");
    }
}
