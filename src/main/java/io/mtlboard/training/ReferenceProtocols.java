package io.mtlboard.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The documented reference protocols of a benchmark ({@code benchmarks-data/<benchmark>/
 * reference-protocols.json}, the file {@code mtlboard reference --protocol} trains by), for the
 * benchmark page: id, label, backbone, description, every setting, the hash that every bundle
 * trained under it carries, and what those bundles show ({@link ProtocolEvidence}).
 */
@ApplicationScoped
public class ReferenceProtocols {

    private static final Logger LOG = Logger.getLogger(ReferenceProtocols.class);

    private static final Set<String> PROSE = Set.of("id", "label", "backbone", "description");

    /**
     * One protocol as the page and the API show it: the page lists {@code settings}, the API gives
     * {@code definition}, the protocol as its file states it.
     */
    public record ProtocolView(
            String id,
            String label,
            String backbone,
            String description,
            @JsonIgnore List<Setting> settings,
            JsonNode definition,
            String hash,
            ProtocolEvidence evidence) {}

    /** One setting: its name and its value as JSON text. */
    public record Setting(String name, String value) {}

    private final MtlboardConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public ReferenceProtocols(MtlboardConfig config) {
        this.config = config;
    }

    /**
     * What the bundles of protocol {@code p} show; a bundle that cannot be read leaves the page
     * with the protocol and a note instead of the evidence.
     */
    private static ProtocolEvidence evidence(
            Path referenceDir, String benchmark, JsonNode p, BenchmarkManifest manifest) {
        try {
            return ProtocolEvidence.read(
                    referenceDir, ReferenceProtocol.parse(benchmark, p), manifest);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Evidence of protocol %s not read: %s", p.path("id").asText(), e.toString());
            return ProtocolEvidence.unreadable(
                    "The bundles of this protocol could not be read: " + e.getMessage());
        }
    }

    private record Cached(String fingerprint, List<ProtocolView> views) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * The protocols of {@code benchmark}; empty when it has none. Reading them parses every bundle
     * of the benchmark, so the answer is kept until a file it rests on changes (the protocol file,
     * the manifest, or a bundle added, rewritten or removed, as a running sweep does).
     */
    public List<ProtocolView> of(String benchmark) {
        String fingerprint = fingerprint(Path.of(config.benchmarksDir()), benchmark);
        Cached hit = cache.get(benchmark);
        if (hit != null && hit.fingerprint().equals(fingerprint)) {
            return hit.views();
        }
        List<ProtocolView> views = read(benchmark);
        cache.put(benchmark, new Cached(fingerprint, views));
        return views;
    }

    /**
     * Name, size and modification time of every file {@link #read} reads for {@code benchmark}
     * under the benchmarks directory {@code dir}.
     */
    static String fingerprint(Path dir, String benchmark) {
        Path reference = dir.resolve("reference").resolve(benchmark);
        StringBuilder b = new StringBuilder();
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(benchmark).resolve("reference-protocols.json"));
        files.add(dir.resolve(benchmark).resolve("benchmark.json"));
        for (Path d : List.of(reference, reference.resolve(LrSweep.DIR))) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> list = Files.list(d)) {
                    list.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException e) {
                    return "unlistable " + d + " " + System.nanoTime(); // never matches: read again
                }
            }
        }
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                b.append(f).append(' ').append(a.size()).append(' ');
                b.append(a.lastModifiedTime().toMillis()).append('\n');
            } catch (IOException e) {
                b.append(f).append(" absent\n");
            }
        }
        return b.toString();
    }

    private List<ProtocolView> read(String benchmark) {
        Path file =
                Path.of(config.benchmarksDir())
                        .resolve(benchmark)
                        .resolve("reference-protocols.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            BenchmarkManifest manifest =
                    BenchmarkManifestReader.read(
                            Path.of(config.benchmarksDir())
                                    .resolve(benchmark)
                                    .resolve("benchmark.json"));
            Path referenceDir = Path.of(config.benchmarksDir(), "reference", benchmark);
            List<ProtocolView> views = new ArrayList<>();
            for (JsonNode p : json.readTree(file.toFile())) {
                List<Setting> settings = new ArrayList<>();
                p.fields()
                        .forEachRemaining(
                                e -> {
                                    if (!PROSE.contains(e.getKey())) {
                                        settings.add(
                                                new Setting(
                                                        e.getKey(),
                                                        e.getValue().isTextual()
                                                                ? e.getValue().asText()
                                                                : e.getValue().toString()));
                                    }
                                });
                views.add(
                        new ProtocolView(
                                p.path("id").asText(),
                                p.path("label").asText(),
                                p.path("backbone").asText(),
                                p.path("description").asText(),
                                settings,
                                p,
                                ReferenceProtocol.hash(benchmark, p),
                                evidence(referenceDir, benchmark, p, manifest)));
            }
            return views;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
