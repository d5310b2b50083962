package io.mtlboard.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.mtlboard.benchmark.RegistryLoader;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.RunService;
import io.mtlboard.support.ImportLedger;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.StartupLock;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imports the published results under {@code benchmarks-data/literature/*.csv} as LITERATURE runs
 * at start-up, after the registries. Idempotent: a row is keyed by its file and setting; it is
 * inserted when new, rewritten when its content changed and left alone otherwise. Every problem in
 * a file is reported at once and nothing of that file is imported.
 */
@ApplicationScoped
public class LiteratureImporter {

    private static final Logger LOG = Logger.getLogger(LiteratureImporter.class);

    private final MtlboardConfig config;
    private final LiteratureRowWriter writer;
    private final LeaderboardVersion version;
    private final StartupLock startupLock;
    private final ImportLedger ledger;
    private final RunService runs;

    public LiteratureImporter(
            MtlboardConfig config,
            LiteratureRowWriter writer,
            LeaderboardVersion version,
            StartupLock startupLock,
            ImportLedger ledger,
            RunService runs) {
        this.runs = runs;
        this.startupLock = startupLock;
        this.ledger = ledger;
        this.config = config;
        this.writer = writer;
        this.version = version;
    }

    void onStart(@Observes @Priority(RegistryLoader.PRIORITY + 10) StartupEvent event) {
        importChanged(Path.of(config.benchmarksDir(), "literature"));
    }

    /**
     * Imports the directory unless its CSV files, and the registries their rows are checked against,
     * are byte for byte those of the last import by this method; returns the rows inserted or updated.
     */
    @Transactional
    public int importChanged(Path dir) {
        startupLock.acquire();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Path benchmarks = Path.of(config.benchmarksDir());
        List<Path> files = new ArrayList<>(csvFiles(dir));
        for (String registry : List.of("backbones.json", "methods.json")) {
            if (Files.isRegularFile(benchmarks.resolve(registry))) {
                files.add(benchmarks.resolve(registry));
            }
        }
        // rows are checked against the benchmarks' metrics too
        try (Stream<Path> children = Files.list(benchmarks)) {
            children.map(d -> d.resolve("benchmark.json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + benchmarks, e);
        }
        String key = "literature:" + dir.toAbsolutePath().normalize();
        String digest =
                ImportLedger.digest(
                        dir.toAbsolutePath().getRoot(),
                        files.stream().map(Path::toAbsolutePath).toList());
        if (ledger.unchanged(key, digest)) {
            LOG.infof(
                    "Literature in %s unchanged since the last import: skipped",
                    dir.toAbsolutePath());
            return 0;
        }
        int changed = importAll(dir);
        ledger.record(key, digest);
        return changed;
    }

    /** Imports every CSV file of the directory; returns the number of rows inserted or updated. */
    @Transactional
    public int importAll(Path dir) {
        startupLock.acquire();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int changed = 0;
        int total = 0;
        Map<Path, List<Map<String, String>>> files = new LinkedHashMap<>();
        for (Path file : csvFiles(dir)) {
            List<Map<String, String>> rows = read(file);
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                for (String p : writer.problems(rows.get(i))) {
                    problems.add("row " + (i + 2) + ": " + p);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "Literature file " + file + " is invalid: " + String.join("; ", problems));
            }
            files.put(file, rows);
        }
        List<Map<String, String>> all = files.values().stream().flatMap(List::stream).toList();
        for (Map.Entry<Path, List<Map<String, String>>> file : files.entrySet()) {
            List<String> problems = PublishedDeltaMs.problems(file.getValue(), all);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        "Literature file "
                                + file.getKey()
                                + " prints a Δm that its own "
                                + "numbers do not give: "
                                + String.join("; ", problems));
            }
        }
        for (Map.Entry<Path, List<Map<String, String>>> file : files.entrySet()) {
            for (Map<String, String> row : file.getValue()) {
                changed +=
                        runs.upsertLiterature(
                                        writer.toRun(file.getKey().getFileName().toString(), row))
                                ? 1
                                : 0;
            }
            total += file.getValue().size();
        }
        if (changed > 0) {
            version.bumpAll();
        }
        LOG.infof(
                "Literature: %d rows in %s, %d inserted or updated",
                total, dir.toAbsolutePath(), changed);
        return changed;
    }

    private static List<Path> csvFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
    }

    private static List<Map<String, String>> read(Path file) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it =
                new CsvMapper()
                        .readerForMapOf(String.class)
                        .with(schema)
                        .readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read literature file " + file + ": " + e.getMessage(), e);
        }
    }
}
