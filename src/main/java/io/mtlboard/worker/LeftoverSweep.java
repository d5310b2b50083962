package io.mtlboard.worker;

import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.RequestsInFlight;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Removes what a killed process leaves in the data directory: partial multipart uploads
 * ({@code uploads/}), evaluation request files ({@code work/job-<job>-<attempt>.json}) and
 * half-copied artifacts ({@code artifacts/upload-*.part}). Runs at start-up, before any request,
 * and then every lease ({@code mtlboard.worker.lease}; {@code mtlboard.worker.sweep-every} sets
 * another period), so that what a crash left behind goes within about two leases of a restart,
 * however soon the process came back.
 *
 * <p>It never removes a file still in use. Only files last written more than a lease ago are
 * candidates, so that another process sharing the directory loses nothing it is writing (an
 * upload in progress is written to continuously). Of this process's own files, an upload or
 * partial artifact is kept while any request with a body that started before it was last written
 * is still in flight ({@link RequestsInFlight}: such a file can belong only to a request that
 * started before it), and the request file of a job this process is evaluating is kept whatever
 * its age or lease ({@link EvaluationWorker#requestFilesInUse()}); the request file of a job whose
 * lease is live (another worker's) is kept too.
 */
@ApplicationScoped
public class LeftoverSweep {

    private static final Logger LOG = Logger.getLogger(LeftoverSweep.class);
    private static final Pattern JOB_FILE = Pattern.compile("job-(\\d+)-(\\d+)\\.json");

    /** Margin for file systems whose modification times are coarser than the clock. */
    static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private final MtlboardConfig config;
    private final RequestsInFlight requests;
    private final EvaluationWorker worker;

    public LeftoverSweep(
            MtlboardConfig config, RequestsInFlight requests, EvaluationWorker worker) {
        this.config = config;
        this.requests = requests;
        this.worker = worker;
    }

    /** The name of the request file of a job's attempt in {@code work/}. */
    public static String requestFileName(long jobId, int attempt) {
        return "job-" + jobId + "-" + attempt + ".json";
    }

    void onStart(@Observes StartupEvent event) {
        sweepQuietly();
    }

    @Scheduled(
            identity = "leftover-sweep",
            every = "${mtlboard.worker.sweep-every:${mtlboard.worker.lease:PT60S}}",
            delayed = "${mtlboard.worker.lease:PT60S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        sweepQuietly();
    }

    private void sweepQuietly() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            // the leftovers stay until the next sweep; serving must not depend on them
            LOG.warnf("Sweeping leftover files failed: %s", e.getMessage());
        }
    }

    /** What one sweep removed. */
    public record Swept(int uploads, int jobFiles, int partialArtifacts) {}

    /**
     * Removes the leftovers last written more than a lease before {@code now} that no request or
     * job of this process still uses; returns how many of each.
     */
    public Swept sweep(Instant now) {
        Instant old = now.minus(config.worker().lease());
        // a file written since the oldest request in flight started may be that request's
        Instant inFlight = requests.oldestStart().orElseGet(Instant::now).minus(CLOCK_SLACK);
        Instant requestFilesBefore = old.isBefore(inFlight) ? old : inFlight;
        Path data = Path.of(config.dataDir());
        Set<String> kept = new HashSet<>(liveJobFiles());
        kept.addAll(worker.requestFilesInUse());
        int uploads = delete(data.resolve("uploads"), requestFilesBefore, f -> true);
        int jobs =
                delete(
                        data.resolve("work"),
                        old,
                        f -> JOB_FILE.matcher(f).matches() && !kept.contains(f));
        int parts =
                delete(
                        data.resolve("artifacts"),
                        requestFilesBefore,
                        f -> f.startsWith("upload-") && f.endsWith(".part"));
        if (uploads + jobs + parts > 0) {
            LOG.infof(
                    "Removed leftovers of a killed process or an aborted request: %d partial upload(s), "
                            + "%d evaluation request file(s), %d partial artifact(s)",
                    uploads, jobs, parts);
        }
        return new Swept(uploads, jobs, parts);
    }

    /** Request files of jobs whose lease is still live (another worker may be evaluating them). */
    private static Set<String> liveJobFiles() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                EvaluationJob.<EvaluationJob>list(
                                                "state = ?1 and leaseExpiresAt > ?2",
                                                EvaluationJob.State.RUNNING,
                                                OffsetDateTime.now())
                                        .stream()
                                        .map(j -> requestFileName(j.id, j.attempt))
                                        .collect(Collectors.toSet()));
    }

    private static int delete(Path dir, Instant before, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)
                        && name.test(f.getFileName().toString())
                        && Files.getLastModifiedTime(f).toInstant().isBefore(before)
                        && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not sweep %s: %s", dir, e.getMessage());
        }
        return removed;
    }
}
