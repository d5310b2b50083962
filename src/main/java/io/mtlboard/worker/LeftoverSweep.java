package io.mtlboard.worker;

import io.mtlboard.support.MtlboardConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * and removes only files older than a lease ({@code mtlboard.worker.lease}), so that another
 * process sharing the directory loses nothing it is still using: an upload in progress is written
 * to continuously, and the request file of a job whose lease is live is kept whatever its age.
 */
@ApplicationScoped
public class LeftoverSweep {

    private static final Logger LOG = Logger.getLogger(LeftoverSweep.class);
    private static final Pattern JOB_FILE = Pattern.compile("job-(\\d+)-(\\d+)\\.json");

    private final MtlboardConfig config;

    public LeftoverSweep(MtlboardConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            // the leftovers stay until the next start; serving must not depend on them
            LOG.warnf("Sweeping leftovers of an earlier process failed: %s", e.getMessage());
        }
    }

    /** What one sweep removed. */
    public record Swept(int uploads, int jobFiles, int partialArtifacts) {}

    /** Removes the leftovers older than a lease before {@code now}; returns how many of each. */
    public Swept sweep(Instant now) {
        Instant before = now.minus(config.worker().lease());
        Path data = Path.of(config.dataDir());
        Set<String> live = liveJobFiles();
        int uploads = delete(data.resolve("uploads"), before, f -> true);
        int jobs =
                delete(
                        data.resolve("work"),
                        before,
                        f -> JOB_FILE.matcher(f).matches() && !live.contains(f));
        int parts =
                delete(
                        data.resolve("artifacts"),
                        before,
                        f -> f.startsWith("upload-") && f.endsWith(".part"));
        if (uploads + jobs + parts > 0) {
            LOG.infof(
                    "Removed leftovers of an earlier process: %d partial upload(s), %d evaluation request file(s), "
                            + "%d partial artifact(s)",
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
                                        .map(j -> "job-" + j.id + "-" + j.attempt + ".json")
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
