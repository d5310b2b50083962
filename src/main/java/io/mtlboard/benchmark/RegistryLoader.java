package io.mtlboard.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.support.ImportLedger;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.Sha256;
import io.mtlboard.support.StartupLock;
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
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Loads the registries from {@code benchmarks-data/} at start-up: backbones, methods and every
 * benchmark manifest (each checked against its JSON Schema and rules by
 * {@link BenchmarkManifestReader}; an invalid one stops the start). Idempotent: entries are inserted or updated in place, a benchmark only when
 * its manifest's SHA-256 changed. A start whose registry files are byte for byte those of the last
 * load skips it ({@link ImportLedger}). Runs before the literature import.
 */
@ApplicationScoped
public class RegistryLoader {

    /** Observer priority; the literature import runs after it. */
    public static final int PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(RegistryLoader.class);

    private final MtlboardConfig config;
    private final ObjectMapper json;
    private final BenchmarkManifestApplier applier;
    private final StartupLock startupLock;
    private final ImportLedger ledger;

    public RegistryLoader(
            MtlboardConfig config,
            ObjectMapper json,
            BenchmarkManifestApplier applier,
            StartupLock startupLock,
            ImportLedger ledger) {
        this.startupLock = startupLock;
        this.ledger = ledger;
        this.config = config;
        this.json = json;
        this.applier = applier;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        load();
    }

    /** Loads (or refreshes) all registries from the configured directory. */
    @Transactional
    public void load() {
        startupLock.acquire();
        Path dir = Path.of(config.benchmarksDir());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "Benchmarks directory "
                            + dir.toAbsolutePath()
                            + " does not exist; set mtlboard.benchmarks-dir");
        }
        List<Path> manifests = manifests(dir);
        List<Path> files =
                new ArrayList<>(
                        List.of(dir.resolve("backbones.json"), dir.resolve("methods.json")));
        files.addAll(manifests);
        String key = "registries:" + dir.toAbsolutePath().normalize();
        String digest = ImportLedger.digest(dir, files);
        if (ledger.unchanged(key, digest)) {
            LOG.infof(
                    "Registries in %s unchanged since the last load: %d manifests skipped",
                    dir.toAbsolutePath(), manifests.size());
            return;
        }
        loadBackbones(dir.resolve("backbones.json"));
        loadMethods(dir.resolve("methods.json"));
        int benchmarks = 0;
        for (Path manifest : manifests) {
            applyManifest(manifest);
            benchmarks++;
        }
        ledger.record(key, digest);
        LOG.infof(
                "Registries loaded from %s: %d benchmarks, %d backbones, %d methods",
                dir.toAbsolutePath(), benchmarks, Backbone.count(), Method.count());
    }

    private void loadBackbones(Path file) {
        for (RegistryEntries.BackboneEntry e : read(file, RegistryEntries.BackboneEntry[].class)) {
            Backbone b = Backbone.<Backbone>findByIdOptional(e.id()).orElseGet(Backbone::new);
            boolean isNew = b.id == null;
            b.id = e.id();
            b.name = e.name();
            b.family = e.family();
            b.parameters = e.parameters();
            b.lightweight = e.lightweight();
            b.description = e.description();
            if (isNew) {
                b.persist();
            }
        }
    }

    private void loadMethods(Path file) {
        List<String> problems = RegistryEntries.methodProblems(read(file, JsonNode.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + " is invalid: " + String.join("; ", problems));
        }
        for (RegistryEntries.MethodEntry e : read(file, RegistryEntries.MethodEntry[].class)) {
            Method m = Method.<Method>findByIdOptional(e.id()).orElseGet(Method::new);
            boolean isNew = m.id == null;
            m.id = e.id();
            m.name = e.name();
            m.category = e.category();
            m.featureLevel = e.featureLevel();
            m.featureLevelName = e.featureLevelName();
            m.venue = e.venue();
            m.year = e.year();
            m.paperUrl = e.paperUrl();
            m.codeUrl = e.codeUrl();
            m.summary = e.summary();
            m.featureLevelCaveat = e.featureLevelCaveat();
            if (isNew) {
                m.persist();
            }
        }
    }

    private void applyManifest(Path file) {
        byte[] bytes = bytes(file);
        BenchmarkManifest manifest;
        try {
            manifest = BenchmarkManifestReader.parse(bytes, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        String expectedId = file.getParent().getFileName().toString();
        if (!expectedId.equals(manifest.id())) {
            throw new IllegalStateException(
                    file
                            + ": id '"
                            + manifest.id()
                            + "' must equal its directory name '"
                            + expectedId
                            + "'");
        }
        applier.apply(manifest, sha256(bytes));
    }

    private static List<Path> manifests(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(d -> d.resolve("benchmark.json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(Path file, Class<T> type) {
        try {
            return json.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }
}
