package io.mtlboard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.evaluation.EvaluationResult;
import io.mtlboard.leaderboard.TestRuns;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunStatus;
import io.mtlboard.support.MovableClock;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job queue on the database (H2 here, PostgreSQL in CI): claims, leases, fencing. */
@QuarkusTest
class EvaluationQueueTest {

    @Inject EvaluationQueue queue;
    @Inject WorkerRecorder recorder;
    @Inject MtlboardConfig config;
    @Inject ObjectMapper json;
    @Inject MovableClock clock;

    /** The lease of the claims that are left to expire: the test moves the clock past it. */
    private static final Duration LEASE = Duration.ofMinutes(10);

    private long runId;
    private final List<Long> runs = new ArrayList<>();

    @BeforeEach
    void queuedRun() {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                // leave no other queued job around: each test sees only its own
                                EvaluationJob.update(
                                        "state = ?1 where state in ?2",
                                        EvaluationJob.State.CANCELLED,
                                        List.of(
                                                EvaluationJob.State.QUEUED,
                                                EvaluationJob.State.RUNNING)));
        runId = newQueuedRun();
    }

    private long newQueuedRun() {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = TestRuns.submitted(RunStatus.QUEUED);
                                    run.persist();
                                    queue.enqueue(run.id);
                                    return run.id;
                                });
        runs.add(id);
        return id;
    }

    @AfterEach
    void cleanUp() {
        clock.reset();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (long id : runs) {
                                EvaluationJob.delete("runId", id);
                                Evaluation.delete("run.id", id);
                                Run.deleteById(id);
                            }
                        });
    }

    private static EvaluationRecord verdict(String verdict) {
        return new EvaluationRecord(
                "test",
                "w",
                "cpu",
                verdict,
                null,
                null,
                null,
                null,
                "",
                OffsetDateTime.now(),
                OffsetDateTime.now(),
                Map.of("art.accuracy", 1.0),
                Map.of("art.accuracy", false));
    }

    @Test
    void shouldReclaimAnExpiredLeaseAndFenceTheStaleWorker() {
        EvaluationQueue.Claim first = queue.claim("w1", LEASE).orElseThrow();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(queue.claim("w2", Duration.ofSeconds(30))).isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        EvaluationQueue.Claim second = queue.claim("w2", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.infraFailures()).isEqualTo(1);
        assertThat(queue.heartbeat(first, Duration.ofSeconds(30), 1L, 2L)).isFalse();
        assertThat(recorder.complete(first, verdict("DISCREPANT"))).isFalse();
        assertThat(recorder.complete(second, verdict("VERIFIED"))).isTrue();
        assertThat(recorder.complete(second, verdict("VERIFIED"))).isFalse();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(Run.<Run>findById(runId).status)
                                    .isEqualTo(RunStatus.VERIFIED);
                            assertThat(Evaluation.count("run.id", runId)).isEqualTo(1);
                            assertThat(EvaluationJob.byRun(runId).orElseThrow().state)
                                    .isEqualTo(EvaluationJob.State.DONE);
                        });
    }

    @Test
    void shouldRecordDiagnosticsWithTheCurrentAttemptOnly() {
        EvaluationQueue.Claim first = queue.claim("w1", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));
        EvaluationQueue.Claim second = queue.claim("w2", Duration.ofSeconds(30)).orElseThrow();
        EvaluationDiagnostics stale =
                new EvaluationDiagnostics(
                        0.9,
                        0.07,
                        List.of(
                                new EvaluationDiagnostics.Corrupted(
                                        "contrast", 1, "art.accuracy", 0.5)));
        EvaluationDiagnostics current =
                new EvaluationDiagnostics(
                        0.25,
                        0.52,
                        List.of(
                                new EvaluationDiagnostics.Corrupted(
                                        "gaussian_noise", 3, "art.accuracy", 0.75)));
        assertThat(recorder.complete(first, verdict("VERIFIED"), stale)).isFalse();
        assertThat(recorder.complete(second, verdict("VERIFIED"), current)).isTrue();
        assertThat(recorder.complete(second, verdict("VERIFIED"), stale)).isFalse();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            List<Evaluation> evaluations = Evaluation.list("run.id", runId);
                            assertThat(evaluations).hasSize(1);
                            Evaluation e = evaluations.get(0);
                            assertThat(e.attempt).isEqualTo(2);
                            assertThat(e.testFd).isEqualTo(0.25);
                            assertThat(e.testFdMeanEntropy).isEqualTo(0.52);
                            assertThat(e.corruptions)
                                    .singleElement()
                                    .satisfies(
                                            c -> {
                                                assertThat(c.corruption)
                                                        .isEqualTo("gaussian_noise");
                                                assertThat(c.severity).isEqualTo(3);
                                                assertThat(c.metric.key())
                                                        .isEqualTo("art.accuracy");
                                                assertThat(c.measured).isEqualTo(0.75);
                                            });
                        });
    }

    private static EvaluationRecord verdict(String verdict, String log) {
        return new EvaluationRecord(
                "test",
                "w",
                "cpu",
                verdict,
                null,
                null,
                null,
                null,
                log,
                OffsetDateTime.now(),
                OffsetDateTime.now(),
                Map.of("art.accuracy", 1.0),
                Map.of("art.accuracy", false));
    }

    /**
     * The verdict is published as soon as the clean split is scored: the run shows it while the job
     * still runs the diagnostics (with their own progress), and the end of the attempt adds the
     * diagnostics and the whole log to the same evaluation instead of writing a second one.
     */
    @Test
    void shouldPublishTheVerdictBeforeTheDiagnosticsAndCompleteTheSameAttempt() {
        EvaluationQueue.Claim claim = queue.claim("w1", LEASE).orElseThrow();
        assertThat(recorder.publishVerdict(claim, verdict("VERIFIED", "verdict only\n"))).isTrue();
        assertThat(queue.heartbeat(claim, LEASE, 12_000L, 410_000L)).isTrue();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(Run.<Run>findById(runId).status)
                                    .isEqualTo(RunStatus.VERIFIED);
                            assertThat(EvaluationJob.byRun(runId).orElseThrow().state)
                                    .isEqualTo(EvaluationJob.State.RUNNING);
                        });
        RestAssured.given()
                .get("/api/runs/" + runId)
                .then()
                .statusCode(200)
                .body("status", Matchers.equalTo("verified"))
                .body("progress.phase", Matchers.equalTo("diagnostics"))
                .body("progress.done", Matchers.equalTo(12_000))
                .body("progress.total", Matchers.equalTo(410_000));
        RestAssured.given()
                .get("/runs/" + runId)
                .then()
                .statusCode(200)
                .body(Matchers.containsString("id=\"diagnostics-note\""))
                .body(Matchers.containsString("data-phase=\"diagnostics\""));
        EvaluationDiagnostics diagnostics =
                new EvaluationDiagnostics(
                        0.25,
                        0.52,
                        List.of(
                                new EvaluationDiagnostics.Corrupted(
                                        "gaussian_noise", 3, "art.accuracy", 0.75)));
        assertThat(recorder.complete(claim, verdict("VERIFIED", "the whole log\n"), diagnostics))
                .isTrue();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Evaluation e =
                                    Evaluation.<Evaluation>list("run.id", runId).stream()
                                            .reduce(
                                                    (a, b) -> {
                                                        throw new AssertionError("two evaluations");
                                                    })
                                            .orElseThrow();
                            assertThat(e.attempt).isEqualTo(1);
                            assertThat(e.logExcerpt).isEqualTo("the whole log\n");
                            assertThat(e.testFd).isEqualTo(0.25);
                            assertThat(e.corruptions).hasSize(1);
                            assertThat(EvaluationJob.byRun(runId).orElseThrow().state)
                                    .isEqualTo(EvaluationJob.State.DONE);
                        });
        RestAssured.given()
                .get("/api/runs/" + runId)
                .then()
                .statusCode(200)
                .body("progress", Matchers.nullValue());
    }

    /** A stale attempt publishes no verdict. */
    @Test
    void shouldNotPublishTheVerdictOfAStaleAttempt() {
        EvaluationQueue.Claim first = queue.claim("w1", LEASE).orElseThrow();
        clock.advance(LEASE.plusSeconds(1));
        EvaluationQueue.Claim second = queue.claim("w2", LEASE).orElseThrow();
        assertThat(recorder.publishVerdict(first, verdict("DISCREPANT", ""))).isFalse();
        assertThat(recorder.publishVerdict(second, verdict("VERIFIED", ""))).isTrue();
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(Run.<Run>findById(runId).status)
                                    .isEqualTo(RunStatus.VERIFIED);
                            assertThat(Evaluation.count("run.id", runId)).isEqualTo(1);
                        });
    }

    /**
     * A worker that ends (kill -9, crash) after publishing the verdict, during the diagnostics:
     * the next attempt finds the verdict and ends the job without evaluating the model again, so
     * the run keeps exactly one evaluation and is never stuck.
     */
    @Test
    void shouldNotEvaluateAgainWhenAnEarlierAttemptPublishedItsVerdict() throws Exception {
        EvaluationQueue.Claim first = queue.claim("w1", LEASE).orElseThrow();
        assertThat(recorder.publishVerdict(first, verdict("DISCREPANT", ""))).isTrue();
        clock.advance(LEASE.plusSeconds(1));
        EvaluationQueue.Claim second = queue.claim("w2", LEASE).orElseThrow();
        var heartbeats = Executors.newSingleThreadScheduledExecutor();
        try {
            // no artifact and no benchmark data: an evaluation would fail; the runner must not try
            new JobRunner(config, recorder, queue, json, heartbeats, "w2", Path.of("target/unused"))
                    .run(second);
        } finally {
            heartbeats.shutdownNow();
        }
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(Run.<Run>findById(runId).status)
                                    .isEqualTo(RunStatus.DISCREPANT);
                            assertThat(Evaluation.count("run.id", runId)).isEqualTo(1);
                            EvaluationJob job = EvaluationJob.byRun(runId).orElseThrow();
                            assertThat(job.state).isEqualTo(EvaluationJob.State.DONE);
                            assertThat(job.lastError)
                                    .isEqualTo(
                                            "the verdict of attempt 1 stands; its diagnostics were"
                                                    + " cut short when its worker ended");
                        });
    }

    /** A model refused before any sample was scored: its log says why, not "0 test samples on null with null". */
    @Test
    void shouldLogARejectionBeforeScoringWithoutNulls() {
        EvaluationQueue.Claim claim = queue.claim("w1", Duration.ofSeconds(30)).orElseThrow();
        EvaluationResult rejected =
                EvaluationResult.rejected(
                        "the model returned a dict with keys [left, right]", null, null, 0, 1.24);
        String summary = JobRunner.summary(rejected);
        assertThat(summary)
                .isEqualTo(
                        "REJECTED after 1.2 s: the model returned a dict with keys [left, right]\n");
        assertThat(
                        recorder.complete(
                                claim,
                                new EvaluationRecord(
                                        "1",
                                        "w1",
                                        null,
                                        "REJECTED",
                                        rejected.reason(),
                                        null,
                                        null,
                                        null,
                                        summary,
                                        OffsetDateTime.now(),
                                        OffsetDateTime.now(),
                                        Map.of(),
                                        Map.of())))
                .isTrue();
        RestAssured.given()
                .when()
                .get("/api/runs/" + runId + "/log")
                .then()
                .statusCode(200)
                .body(
                        Matchers.startsWith(
                                "== attempt 1 by w1: REJECTED (the model returned a dict"))
                .body(Matchers.not(Matchers.containsString("null")))
                .body(Matchers.not(Matchers.containsString(" on ?")));
        RestAssured.given()
                .when()
                .get("/api/runs/" + runId)
                .then()
                .statusCode(200)
                .body("evaluation.device", Matchers.nullValue());
        RestAssured.given()
                .when()
                .get("/runs/" + runId)
                .then()
                .statusCode(200)
                .body(Matchers.containsString("no device recorded"))
                .body(Matchers.not(Matchers.containsString(" on —")))
                .body(Matchers.not(Matchers.containsString(" on ?")));
    }

    @Test
    void shouldRequeueAfterAnInfrastructureFailure() {
        EvaluationQueue.Claim first = queue.claim("w1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(recorder.retry(first, "disk full")).isTrue();
        EvaluationQueue.Claim second = queue.claim("w1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.infraFailures()).isEqualTo(1);
        assertThat(recorder.retry(first, "stale")).isFalse();
    }

    @Test
    void shouldGiveUpBeyondTheRetryBudgetNamingTheLastFailure() throws Exception {
        int budget = config.worker().maxInfraRetries();
        for (int i = 0; i <= budget; i++) {
            EvaluationQueue.Claim c = queue.claim("w1", Duration.ofSeconds(30)).orElseThrow();
            assertThat(
                            recorder.retry(
                                    c, "device 'gpu' was requested but the engine reports no GPU"))
                    .isTrue();
        }
        EvaluationQueue.Claim last = queue.claim("w1", Duration.ofSeconds(30)).orElseThrow();
        assertThat(last.infraFailures()).isEqualTo(budget + 1);
        var heartbeats = Executors.newSingleThreadScheduledExecutor();
        try {
            new JobRunner(config, recorder, queue, json, heartbeats, "w1", Path.of("target/unused"))
                    .run(last);
        } finally {
            heartbeats.shutdownNow();
        }
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            assertThat(Run.<Run>findById(runId).status).isEqualTo(RunStatus.FAILED);
                            assertThat(EvaluationJob.byRun(runId).orElseThrow().state)
                                    .isEqualTo(EvaluationJob.State.FAILED);
                            assertThat(Evaluation.<Evaluation>list("run.id", runId))
                                    .singleElement()
                                    .satisfies(
                                            e ->
                                                    assertThat(e.device)
                                                            .as("no sample was scored anywhere")
                                                            .isNull())
                                    .satisfies(
                                            e ->
                                                    assertThat(e.reason)
                                                            .isEqualTo(
                                                                    "gave up after "
                                                                            + (budget + 1)
                                                                            + " infrastructure failures; the last: device 'gpu' was requested but the engine reports "
                                                                            + "no GPU"));
                        });
    }

    /**
     * A real {@code kill -9} of the evaluation process, as the OOM killer or an operator sends it,
     * is an infrastructure failure: the run is queued again within the retry budget, not rejected,
     * and its request file is gone.
     */
    @Test
    void shouldRequeueARunWhoseEvaluationProcessWasKilledFromOutside() throws Exception {
        Path artifacts = Path.of("target/kill-test-artifacts");
        String sha = Sha256.ofFile(Path.of("src/test/resources/models/never-ends.pt"));
        Path model =
                artifacts.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        Files.createDirectories(model.getParent());
        Files.copy(
                Path.of("src/test/resources/models/never-ends.pt"),
                model,
                StandardCopyOption.REPLACE_EXISTING);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run run = Run.findById(runId);
                            run.benchmark = Benchmark.byId("multifashion").orElseThrow();
                            run.backbone = Backbone.byId("lenet5").orElseThrow();
                            run.artifactSha256 = sha;
                        });
        EvaluationQueue.Claim claim = queue.claim("w1", Duration.ofSeconds(60)).orElseThrow();
        var heartbeats = Executors.newSingleThreadScheduledExecutor();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<?> running =
                    worker.submit(
                            () -> {
                                new JobRunner(
                                                config,
                                                recorder,
                                                queue,
                                                json,
                                                heartbeats,
                                                "w1",
                                                artifacts)
                                        .run(claim);
                                return null;
                            });
            ProcessHandle child = awaitEvaluatorProcess(Duration.ofSeconds(60));
            Thread.sleep(3000); // well into the evaluation: the JVM is up and the model is running
            assertThat(child.destroyForcibly()).isTrue();
            running.get(60, TimeUnit.SECONDS);
        } finally {
            heartbeats.shutdownNow();
            worker.shutdownNow();
        }
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            EvaluationJob job = EvaluationJob.byRun(runId).orElseThrow();
                            assertThat(job.state).isEqualTo(EvaluationJob.State.QUEUED);
                            assertThat(job.infraFailures).isEqualTo(1);
                            assertThat(job.lastError)
                                    .contains("killed by SIGKILL from outside the evaluator");
                            assertThat(Run.<Run>findById(runId).status)
                                    .isNotIn(RunStatus.REJECTED, RunStatus.FAILED);
                            assertThat(Evaluation.count("run.id", runId)).isZero();
                        });
        assertThat(
                        Path.of(
                                config.dataDir(),
                                "work",
                                "job-" + claim.jobId() + "-" + claim.attempt() + ".json"))
                .doesNotExist();
    }

    private static ProcessHandle awaitEvaluatorProcess(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child =
                    ChildJvmFixtures.child(EvaluatorProcess.class.getName());
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no evaluation process started within " + limit);
    }

    @Test
    void shouldSkipRowsLockedByAnotherTransaction() throws Exception {
        newQueuedRun();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Optional<EvaluationQueue.Claim>> holder =
                pool.submit(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .call(
                                                () -> {
                                                    Optional<EvaluationQueue.Claim> c =
                                                            queue.claim(
                                                                    "holder",
                                                                    Duration.ofSeconds(30));
                                                    locked.countDown();
                                                    release.await(20, TimeUnit.SECONDS);
                                                    return c;
                                                }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Optional<EvaluationQueue.Claim> other =
                QuarkusTransaction.requiringNew()
                        .call(() -> queue.claim("other", Duration.ofSeconds(30)));
        // a blocking claim would only return after the holder gave up waiting and committed
        assertThat(holder.isDone()).as("the holder still holds its lock").isFalse();
        release.countDown();
        EvaluationQueue.Claim held = holder.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(other).as("the locked job is skipped and the next one claimed").isPresent();
        assertThat(other.get().jobId()).isNotEqualTo(held.jobId());
        pool.shutdown();
    }

    @Test
    void shouldReportQueuePositionAndCancel() {
        // each read in its own transaction: the test's request-scoped session would keep a stale
        // copy
        assertThat(QuarkusTransaction.requiringNew().call(() -> queue.position(runId)))
                .contains(1L);
        queue.cancel(runId);
        assertThat(QuarkusTransaction.requiringNew().call(() -> queue.position(runId))).isEmpty();
        assertThat(queue.claim("w", Duration.ofSeconds(30))).isEmpty();
    }
}
