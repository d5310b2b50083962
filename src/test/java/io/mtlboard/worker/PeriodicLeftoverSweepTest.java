package io.mtlboard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.leaderboard.TestRuns;
import io.mtlboard.run.RawHttp;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunStatus;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.RequestsInFlight;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The leftover sweep runs every lease, not only at start-up, so that what a crash left behind goes
 * even when the process came back within a lease; and a sweep never removes what this process is
 * still using: the upload of a request in flight, however long it has not been written to, and
 * the request file of a job it is evaluating, whatever its lease. The lease is 3 s here.
 */
@QuarkusTest
@TestProfile(PeriodicLeftoverSweepTest.ShortLease.class)
class PeriodicLeftoverSweepTest {

    /** A lease, and so a sweep period, of 3 s, on a data directory of its own. */
    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mtlboard.worker.lease", "PT3S",
                    // the default of the main profile, which the test profile turns off
                    "mtlboard.worker.sweep-every", "${mtlboard.worker.lease}",
                    "mtlboard.worker.heartbeat", "PT1S",
                    "mtlboard.data-dir", "target/test-data-sweep");
        }
    }

    private static final Duration LEASE = Duration.ofSeconds(3);

    @Inject MtlboardConfig config;
    @Inject EvaluationWorker worker;
    @Inject RequestsInFlight requests;

    @TestHTTPResource("/")
    URL root;

    private Path data() {
        return Path.of(config.dataDir());
    }

    private static Path file(Path dir, String name, Instant modified) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.write(f, new byte[4096]);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    private static Instant longAgo() {
        return Instant.now().minus(Duration.ofMinutes(10));
    }

    private static boolean within(Duration limit, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private Set<Path> uploads() throws Exception {
        Path dir = data().resolve("uploads");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    @Test
    void shouldRemoveLeftoversOfACrashWithoutARestart() throws Exception {
        // as a portal killed moments before this one started leaves them: too young for the
        // start-up sweep, old enough by the time a periodic sweep looks
        Path upload = file(data().resolve("uploads"), "resteasy-reactive1upload", longAgo());
        Path jobFile = file(data().resolve("work"), "job-424242-1.json", longAgo());
        Path artifact = file(data().resolve("artifacts"), "upload-77.part", longAgo());

        assertThat(
                        within(
                                LEASE.multipliedBy(5),
                                () ->
                                        !Files.exists(upload)
                                                && !Files.exists(jobFile)
                                                && !Files.exists(artifact)))
                .as("removed by a periodic sweep, no restart")
                .isTrue();
    }

    @Test
    void shouldKeepTheUploadOfARequestInFlightHoweverLongItStalls() throws Exception {
        Set<Path> before = uploads();
        String head = "--" + RawHttp.BOUNDARY + "\r\n";
        byte[] start =
                (head
                                + "Content-Disposition: form-data; name=\"model\"; filename=\"m.pt\"\r\n"
                                + "Content-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(
                    ("POST /api/runs HTTP/1.1\r\nHost: localhost\r\n"
                                    // with a token: an upload without one is refused before its
                                    // body is read (UploadGate)
                                    + "Authorization: "
                                    + io.mtlboard.submission.Tokens.create("stalled", 10, 2)
                                    + "\r\n"
                                    + "Content-Type: multipart/form-data; boundary="
                                    + RawHttp.BOUNDARY
                                    + "\r\nContent-Length: 3000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.write(start);
            out.write(new byte[200_000]);
            out.flush();
            assertThat(
                            within(
                                    Duration.ofSeconds(20),
                                    () -> {
                                        try {
                                            return uploads().size() > before.size();
                                        } catch (Exception e) {
                                            return false;
                                        }
                                    }))
                    .as("the upload reaches the disk while it arrives")
                    .isTrue();
            Set<Path> mine = uploads();
            mine.removeAll(before);
            assertThat(mine).hasSize(1);
            Path inFlight = mine.iterator().next();
            assertThat(requests.count()).isPositive();

            // the client stalls: its file is not written for several leases, and sweeps run
            Path leftover = file(data().resolve("uploads"), "resteasy-reactive2upload", longAgo());
            assertThat(within(LEASE.multipliedBy(5), () -> !Files.exists(leftover)))
                    .as("a sweep ran meanwhile and removed an older leftover")
                    .isTrue();
            Thread.sleep(LEASE.multipliedBy(2).toMillis());
            assertThat(inFlight).as("the stalled upload of a request in flight").exists();
            assertThat(Files.getLastModifiedTime(inFlight).toInstant())
                    .isBefore(Instant.now().minus(LEASE));

            // the client goes away: the request ends and its upload goes
            s.close();
            assertThat(within(LEASE.multipliedBy(5), () -> !Files.exists(inFlight)))
                    .as("the upload of the closed request is removed")
                    .isTrue();
        }
    }

    @Test
    void shouldKeepTheRequestFileOfAJobThisProcessEvaluatesWhateverItsLease() throws Exception {
        long[] ids =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = TestRuns.submitted(RunStatus.RUNNING);
                                    run.persist();
                                    EvaluationJob job = new EvaluationJob();
                                    job.runId = run.id;
                                    job.state = EvaluationJob.State.RUNNING;
                                    job.attempt = 1;
                                    job.leaseOwner = worker.id();
                                    // its heartbeats stalled (a database hiccup): the lease ran out
                                    job.leaseExpiresAt = OffsetDateTime.now().minusMinutes(5);
                                    job.createdAt = OffsetDateTime.now();
                                    job.updatedAt = job.createdAt;
                                    job.persist();
                                    return new long[] {run.id, job.id};
                                });
        EvaluationQueue.Claim claim = new EvaluationQueue.Claim(ids[1], ids[0], 1, 0);
        Path requestFile = data().resolve("work").resolve(LeftoverSweep.requestFileName(ids[1], 1));
        try {
            EvaluationWorker.Hold held = worker.holdRequestFile(claim);
            file(data().resolve("work"), requestFile.getFileName().toString(), longAgo());
            Path other = file(data().resolve("work"), "job-525252-3.json", longAgo());
            assertThat(within(LEASE.multipliedBy(5), () -> !Files.exists(other)))
                    .as("a sweep ran meanwhile")
                    .isTrue();
            Thread.sleep(LEASE.multipliedBy(2).toMillis());
            assertThat(requestFile).as("the request file of a job being evaluated").exists();

            held.close();
            assertThat(within(LEASE.multipliedBy(5), () -> !Files.exists(requestFile)))
                    .as("removed once the evaluation is over")
                    .isTrue();
        } finally {
            Files.deleteIfExists(requestFile);
            QuarkusTransaction.requiringNew()
                    .run(
                            () -> {
                                EvaluationJob.deleteById(ids[1]);
                                Run.deleteById(ids[0]);
                            });
        }
    }
}
