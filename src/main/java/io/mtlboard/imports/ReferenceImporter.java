package io.mtlboard.imports;

import io.mtlboard.benchmark.RegistryLoader;
import io.mtlboard.run.ImportedRun;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunService;
import io.mtlboard.support.ImportLedger;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.Sha256;
import io.mtlboard.support.StartupLock;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports the reference run bundles under {@code benchmarks-data/reference/<benchmark>/*.json}
 * (written by {@code mtlboard reference}) at start-up, after the registries, as REFERENCE runs
 * with their claims and their completed evaluation. Idempotent: a run is keyed by its file and
 * left alone while the file's content hash is unchanged; a changed file updates the run and adds
 * its evaluation as a new attempt. Every problem of every file is reported at once and then
 * nothing is imported. Replicas starting together take turns through the {@link StartupLock}.
 */
@ApplicationScoped
public class ReferenceImporter {

    private static final Logger LOG = Logger.getLogger(ReferenceImporter.class);

    private final MtlboardConfig config;
    private final ReferenceBundleReader reader;
    private final RunService runs;
    private final StartupLock startupLock;
    private final ImportLedger ledger;

    public ReferenceImporter(
            MtlboardConfig config,
            ReferenceBundleReader reader,
            RunService runs,
            StartupLock startupLock,
            ImportLedger ledger) {
        this.ledger = ledger;
        this.config = config;
        this.reader = reader;
        this.runs = runs;
        this.startupLock = startupLock;
    }

    /**
     * The import of every bundle is one transaction (all or nothing); a fresh database reads
     * hundreds of bundles with their training logs, which on a loaded 2-core machine outlasts the
     * default 60 s transaction timeout, so the import has its own.
     */
    static final int IMPORT_TIMEOUT_SECONDS = 1800;

    void onStart(@Observes @Priority(RegistryLoader.PRIORITY + 20) StartupEvent event) {
        if (config.importReferenceRuns()) {
            importChanged(Path.of(config.benchmarksDir(), "reference"));
        }
    }

    /**
     * Imports the directory unless its bundles are byte for byte those of the last import by this
     * method; returns the runs inserted or updated.
     */
    @Transactional
    @TransactionConfiguration(timeout = IMPORT_TIMEOUT_SECONDS)
    public int importChanged(Path dir) {
        startupLock.acquire();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files = bundles(dir);
        String key = "reference:" + dir.toAbsolutePath().normalize();
        String digest = ImportLedger.digest(dir, files);
        if (ledger.unchanged(key, digest)) {
            LOG.infof(
                    "Reference runs in %s unchanged since the last import: %d bundles skipped",
                    dir.toAbsolutePath(), files.size());
            return 0;
        }
        int written = importEvery(dir, files);
        ledger.record(key, digest);
        return written;
    }

    /**
     * Imports every bundle of the directory; returns the number of runs inserted or updated.
     *
     * @throws IllegalStateException listing every problem when some bundle is invalid
     */
    @Transactional
    @TransactionConfiguration(timeout = IMPORT_TIMEOUT_SECONDS)
    public int importAll(Path dir) {
        startupLock.acquire();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        return importEvery(dir, bundles(dir));
    }

    /**
     * The body of both entry points, inside their transaction: a call from one to the other would
     * be a nested entry with its own timeout, which the transaction manager refuses.
     */
    private int importEvery(Path dir, List<Path> files) {
        List<String> problems = new ArrayList<>();
        List<ImportedRun> changed = new ArrayList<>();
        for (Path file : files) {
            read(dir, file, problems).ifPresent(changed::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Reference runs under " + dir + " are invalid: " + String.join("; ", problems));
        }
        int written = 0;
        for (ImportedRun run : changed) {
            written += runs.importEvaluated(run) ? 1 : 0;
        }
        LOG.infof(
                "Reference runs: %d bundles in %s, %d inserted or updated",
                files.size(), dir.toAbsolutePath(), written);
        return written;
    }

    /** The run of a new or changed bundle; empty when it is unchanged or invalid (then with its problems). */
    private Optional<ImportedRun> read(Path dir, Path file, List<String> problems) {
        String key = "reference/" + dir.relativize(file).toString().replace('\\', '/');
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String hash = sha256(content);
        if (Run.byImportKey(key).filter(r -> hash.equals(r.importHash)).isPresent()) {
            return Optional.empty();
        }
        return reader.read(key, file.getParent().getFileName().toString(), content, hash, problems);
    }

    private static List<Path> bundles(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(
                            f ->
                                    f.getFileName().toString().endsWith(".json")
                                            && Files.isRegularFile(f)
                                            && f.getParent() != null
                                            && !f.getParent().equals(dir))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    static String sha256(byte[] content) {
        return Sha256.of(content);
    }
}
