package io.mtlboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The version poll notices every write another process makes to a benchmark's runs, but does not
 * bump a benchmark a second time for a write this process made (and bumped) itself.
 */
@QuarkusTest
class LeaderboardVersionPollTest {

    private static final String OFFICE = "office-home";

    @Inject LeaderboardVersion version;
    @Inject RunService runs;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void remove() {
        QuarkusTransaction.requiringNew().run(() -> created.forEach(id -> Run.deleteById(id)));
        version.poll();
        version.bumpAll();
    }

    /** A run written straight to the database, as another process sharing it would. */
    private long insertElsewhere() {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = new Run();
                                    run.benchmark = Benchmark.byId(OFFICE).orElseThrow();
                                    run.backbone = Backbone.byId("resnet18").orElseThrow();
                                    run.method = Method.byId("ew").orElseThrow();
                                    run.optimizer = "adamw";
                                    run.gradientLevel = "param";
                                    run.seed = created.size();
                                    run.source = RunSource.SUBMITTED;
                                    run.protocol = Protocols.MTLBOARD;
                                    run.status = RunStatus.CLAIMED;
                                    run.createdAt = OffsetDateTime.now();
                                    run.updatedAt = run.createdAt;
                                    run.persist();
                                    return run.id;
                                });
        created.add(id);
        return id;
    }

    private void updateElsewhere(long id) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run run = Run.findById(id);
                            run.flagged = !run.flagged;
                            run.updatedAt = OffsetDateTime.now();
                        });
    }

    @Test
    void shouldBumpOnceForItsOwnWriteAndAgainForEveryWriteFromElsewhere() {
        long id = insertElsewhere();
        long before = version.current(OFFICE);
        version.poll();
        long afterForeignInsert = version.current(OFFICE);
        assertThat(afterForeignInsert).as("a run inserted elsewhere").isNotEqualTo(before);

        runs.moderate(id, null, true);
        long afterOwnWrite = version.current(OFFICE);
        assertThat(afterOwnWrite).as("the write bumps at once").isNotEqualTo(afterForeignInsert);
        version.poll();
        assertThat(version.current(OFFICE))
                .as("the poll recognises the write as this process's own")
                .isEqualTo(afterOwnWrite);

        updateElsewhere(id);
        version.poll();
        long afterForeignUpdate = version.current(OFFICE);
        assertThat(afterForeignUpdate).as("an update made elsewhere").isNotEqualTo(afterOwnWrite);

        // an own write and a foreign insert between two polls: the foreign one must not hide
        runs.moderate(id, null, false);
        long afterSecondOwnWrite = version.current(OFFICE);
        insertElsewhere();
        version.poll();
        assertThat(version.current(OFFICE))
                .as("a foreign insert beside an own write")
                .isNotEqualTo(afterSecondOwnWrite);

        // an own write of a run another process updates again before the poll
        runs.moderate(id, null, true);
        updateElsewhere(id);
        long afterBoth = version.current(OFFICE);
        version.poll();
        assertThat(version.current(OFFICE))
                .as("a run updated elsewhere after its own write")
                .isNotEqualTo(afterBoth);
    }

    @Test
    void shouldBumpWhenARunIsDeletedElsewhere() {
        long id = insertElsewhere();
        version.poll();
        runs.moderate(id, null, true);
        QuarkusTransaction.requiringNew().run(() -> Run.deleteById(id));
        long before = version.current(OFFICE);
        version.poll();
        assertThat(version.current(OFFICE)).isNotEqualTo(before);
    }

    @Test
    void shouldNoticeARunDeletedElsewhereWithinTheCountsPeriod() {
        long older = insertElsewhere();
        insertElsewhere();
        version.poll();
        QuarkusTransaction.requiringNew().run(() -> Run.deleteById(older));
        long before = version.current(OFFICE);
        // the latest update is unchanged: only the run count, read every 15 polls, tells
        for (int i = 0; i < 15; i++) {
            version.poll();
        }
        assertThat(version.current(OFFICE)).isNotEqualTo(before);
    }
}
