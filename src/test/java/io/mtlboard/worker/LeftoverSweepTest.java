package io.mtlboard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.leaderboard.TestRuns;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunStatus;
import io.mtlboard.support.MtlboardConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * The state a portal killed mid-upload and mid-evaluation leaves in its data directory (a partial
 * multipart upload as the HTTP server names it, the evaluation request file of a job whose worker
 * died, a half-copied artifact) is removed by the start-up sweep; what another live process may
 * still use is kept.
 */
@QuarkusTest
class LeftoverSweepTest {

    @Inject LeftoverSweep sweep;
    @Inject MtlboardConfig config;

    private static Path file(Path dir, String name, Instant modified) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.write(f, new byte[4096]);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void shouldRemoveLeftoversOfAKilledPortalAndKeepWhatIsStillInUse() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(config.worker().lease()).minus(Duration.ofMinutes(5));
        Path data = Path.of(config.dataDir());
        Path partialUpload = file(data.resolve("uploads"), "resteasy-reactive8741296upload", old);
        Path freshUpload = file(data.resolve("uploads"), "resteasy-reactive1234567upload", now);
        Path deadJob = file(data.resolve("work"), "job-987654-2.json", old);
        Path unrelated = file(data.resolve("work"), "notes.txt", old);
        Path partialArtifact = file(data.resolve("artifacts"), "upload-5551212.part", old);
        long[] live =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = TestRuns.submitted(RunStatus.RUNNING);
                                    run.persist();
                                    EvaluationJob job = new EvaluationJob();
                                    job.runId = run.id;
                                    job.state = EvaluationJob.State.RUNNING;
                                    job.attempt = 1;
                                    job.leaseOwner = "another-worker";
                                    job.leaseExpiresAt = OffsetDateTime.now().plusMinutes(10);
                                    job.createdAt = OffsetDateTime.now();
                                    job.updatedAt = job.createdAt;
                                    job.persist();
                                    return new long[] {run.id, job.id};
                                });
        Path liveJob = file(data.resolve("work"), "job-" + live[1] + "-1.json", old);
        try {
            LeftoverSweep.Swept swept = sweep.sweep(now);

            assertThat(partialUpload).doesNotExist();
            assertThat(deadJob).doesNotExist();
            assertThat(partialArtifact).doesNotExist();
            assertThat(swept.uploads()).isPositive();
            assertThat(swept.jobFiles()).isPositive();
            assertThat(swept.partialArtifacts()).isPositive();
            assertThat(freshUpload).as("an upload still being written").exists();
            assertThat(liveJob).as("the request file of a job with a live lease").exists();
            assertThat(unrelated).exists();
        } finally {
            Files.deleteIfExists(freshUpload);
            Files.deleteIfExists(liveJob);
            Files.deleteIfExists(unrelated);
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                EvaluationJob.deleteById(live[1]);
                                Run.deleteById(live[0]);
                            });
        }
    }
}
