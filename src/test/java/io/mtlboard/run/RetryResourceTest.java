package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mtlboard.leaderboard.TestRuns;
import io.mtlboard.submission.Tokens;
import io.mtlboard.worker.EvaluationJob;
import io.mtlboard.worker.EvaluationQueue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/runs/{id}/retry}: an admin re-queues a run whose evaluation failed outside the model. */
@QuarkusTest
class RetryResourceTest {

    @Inject EvaluationQueue queue;

    private final List<Long> runs = new ArrayList<>();

    /** A submitted run in the given status whose job ended in the given state after 4 attempts. */
    private long run(RunStatus status, EvaluationJob.State jobState) {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = TestRuns.submitted(status);
                                    run.persist();
                                    EvaluationJob job = new EvaluationJob();
                                    job.runId = run.id;
                                    job.state = jobState;
                                    job.attempt = 4;
                                    job.infraFailures = 4;
                                    job.lastError = "gave up after 4 infrastructure failures";
                                    job.createdAt = run.createdAt;
                                    job.updatedAt = run.createdAt;
                                    job.persist();
                                    return run.id;
                                });
        runs.add(id);
        return id;
    }

    private static EvaluationJob job(long runId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> EvaluationJob.byRun(runId).orElseThrow());
    }

    @BeforeEach
    void noOtherQueuedJobs() {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                EvaluationJob.update(
                                        "state = ?1 where state in ?2",
                                        EvaluationJob.State.CANCELLED,
                                        List.of(
                                                EvaluationJob.State.QUEUED,
                                                EvaluationJob.State.RUNNING)));
    }

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (long id : runs) {
                                EvaluationJob.delete("runId", id);
                                Run.deleteById(id);
                            }
                        });
    }

    @Test
    void shouldRequeueAFailedRunWithAFreshBudgetWhenAnAdminRetriesIt() {
        long id = run(RunStatus.FAILED, EvaluationJob.State.FAILED);
        given().header("Authorization", Tokens.ADMIN)
                .when()
                .post("/api/runs/" + id + "/retry")
                .then()
                .statusCode(202)
                .body("id", equalTo((int) id))
                .body("status", equalTo("queued"));
        EvaluationJob job = job(id);
        assertThat(job.state).isEqualTo(EvaluationJob.State.QUEUED);
        assertThat(job.infraFailures).isZero();
        assertThat(job.attempt).isEqualTo(4);
        assertThat(job.lastError)
                .isEqualTo("re-queued by an admin after: gave up after 4 infrastructure failures");
        given().when()
                .get("/api/runs/" + id + "/log")
                .then()
                .statusCode(200)
                .body(containsString("re-queued by an admin"));

        EvaluationQueue.Claim claim =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        queue.claim("test-worker", Duration.ofSeconds(30))
                                                .orElseThrow());
        assertThat(claim.runId()).isEqualTo(id);
        assertThat(claim.attempt()).as("earlier attempts stay fenced").isEqualTo(5);
        assertThat(claim.infraFailures()).isZero();
    }

    @Test
    void shouldRefuseToRetryAFinalVerdictWith409AndChangeNothing() {
        for (RunStatus verdict :
                List.of(RunStatus.VERIFIED, RunStatus.DISCREPANT, RunStatus.REJECTED)) {
            long id = run(verdict, EvaluationJob.State.DONE);
            given().header("Authorization", Tokens.ADMIN)
                    .when()
                    .post("/api/runs/" + id + "/retry")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("is " + verdict.name().toLowerCase()))
                    .body("detail", containsString("verdicts are final"));
            assertThat(job(id).state).isEqualTo(EvaluationJob.State.DONE);
            given().when()
                    .get("/api/runs/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo(verdict.name().toLowerCase()));
        }
    }

    @Test
    void shouldRefuseCallersWhoAreNotAdminsAndChangeNothing() {
        long id = run(RunStatus.FAILED, EvaluationJob.State.FAILED);
        given().when()
                .post("/api/runs/" + id + "/retry")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        String user = Tokens.create("retry-user", 10, 10);
        given().header("Authorization", user)
                .when()
                .post("/api/runs/" + id + "/retry")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("admin"));
        assertThat(job(id).state).isEqualTo(EvaluationJob.State.FAILED);
        assertThat(job(id).infraFailures).isEqualTo(4);
    }

    @Test
    void shouldAnswer404ForAnUnknownRun() {
        given().header("Authorization", Tokens.ADMIN)
                .when()
                .post("/api/runs/987654321/retry")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.ADMIN)
                .when()
                .post("/api/runs/abc/retry")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
