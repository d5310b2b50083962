package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunSource;
import io.mtlboard.run.RunStatus;
import java.time.OffsetDateTime;

/**
 * Submitted runs for the queue and worker tests, on office-home × resnet18, a setting no
 * leaderboard test asserts on. The caller persists them in its transaction and removes them after.
 */
public final class TestRuns {

    private TestRuns() {}

    /** An EW run with a (never read) model artifact, in the given status, not yet persisted. */
    public static Run submitted(RunStatus status) {
        Run run = new Run();
        run.benchmark = Benchmark.byId("office-home").orElseThrow();
        run.backbone = Backbone.byId("resnet18").orElseThrow();
        run.method = Method.byId("ew").orElseThrow();
        run.optimizer = "adam";
        run.gradientLevel = "param";
        run.seed = 0;
        run.source = RunSource.SUBMITTED;
        run.status = status;
        run.artifactSha256 = "0".repeat(64);
        run.createdAt = OffsetDateTime.now();
        run.updatedAt = run.createdAt;
        return run;
    }
}
