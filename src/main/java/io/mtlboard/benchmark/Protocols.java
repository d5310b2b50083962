package io.mtlboard.benchmark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The registry of protocols, {@code benchmarks-data/protocols.json}: the pipelines that produce a
 * row's numbers (MTLBoard's own, or a publication's). A leaderboard ranks only rows of one setting,
 * benchmark × backbone × protocol. Read once, on first use.
 */
@ApplicationScoped
public class Protocols {

    /** The protocol of reference, verified and claimed runs. */
    public static final String MTLBOARD = "mtlboard";

    private static final Pattern VERSION = Pattern.compile("-v(\\d+)$");

    /** The version of a reference protocol id such as {@code mf-lenet5-v2}; 0 when it has none. */
    public static int version(String protocol) {
        Matcher m = VERSION.matcher(protocol);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The protocol id without its version ({@code mf-lenet5} of {@code mf-lenet5-v2}): the versions
     * of one reference protocol share it, and a later version supersedes an earlier one.
     */
    public static String lineage(String protocol) {
        return VERSION.matcher(protocol).replaceFirst("");
    }

    /**
     * Rows a later version of a reference protocol needs in a setting before it supersedes the
     * earlier versions' setting of the same backbone as the one shown first (fewer do not carry a
     * ranking or a correlation).
     */
    public static final int SUPERSEDING_ROWS = 5;

    /**
     * Whether a setting ({@code backbone@protocol}) is of an earlier version of a reference protocol
     * whose later version has a setting of the same backbone with at least {@link
     * #SUPERSEDING_ROWS} rows among {@code rowsBySetting}: pages then show the later one first.
     */
    public static boolean superseded(String settingId, Map<String, Integer> rowsBySetting) {
        int at = settingId.lastIndexOf('@');
        if (at < 0 || version(settingId.substring(at + 1)) == 0) {
            return false;
        }
        String backbone = settingId.substring(0, at);
        String protocol = settingId.substring(at + 1);
        return rowsBySetting.entrySet().stream()
                .anyMatch(
                        e -> {
                            int o = e.getKey().lastIndexOf('@');
                            if (o < 0 || e.getValue() < SUPERSEDING_ROWS) {
                                return false;
                            }
                            String other = e.getKey().substring(o + 1);
                            return e.getKey().substring(0, o).equals(backbone)
                                    && lineage(other).equals(lineage(protocol))
                                    && version(other) > version(protocol);
                        });
    }

    /** One protocol: id, short name, the publication it comes from, and what it means. */
    public record Protocol(
            String id, String name, String citation, String url, String description) {}

    private final MtlboardConfig config;
    private final ObjectMapper json;
    private volatile Map<String, Protocol> byId;

    public Protocols(MtlboardConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** The protocol with this id, if registered. */
    public Optional<Protocol> find(String id) {
        return Optional.ofNullable(id == null ? null : all().get(id));
    }

    /** A protocol's display name; the id itself for an unregistered one. */
    public String name(String id) {
        return find(id).map(Protocol::name).orElse(id);
    }

    /** Every registered protocol by id, in file order. */
    public Map<String, Protocol> all() {
        Map<String, Protocol> loaded = byId;
        if (loaded == null) {
            loaded = load(Path.of(config.benchmarksDir(), "protocols.json"));
            byId = loaded;
        }
        return loaded;
    }

    private Map<String, Protocol> load(Path file) {
        Map<String, Protocol> map = new LinkedHashMap<>();
        map.put(
                MTLBOARD,
                new Protocol(
                        MTLBOARD,
                        "MTLBoard protocol",
                        "MTLBoard",
                        null,
                        "Runs trained or re-evaluated by MTLBoard on the benchmark's test split."));
        if (Files.isRegularFile(file)) {
            try {
                for (Protocol p :
                        json.readValue(file.toFile(), new TypeReference<List<Protocol>>() {})) {
                    map.put(p.id(), p);
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Cannot read the protocol registry " + file + ": " + e.getMessage(), e);
            }
        }
        referenceProtocols(file.getParent()).forEach(p -> map.putIfAbsent(p.id(), p));
        return map;
    }

    /**
     * The current reference protocols of every benchmark ({@code <benchmark>/reference-protocols.json}):
     * reference runs form one setting per protocol they were trained under, so that runs of two
     * training schedules never share a row or a ranking.
     */
    private List<Protocol> referenceProtocols(Path benchmarksDir) {
        List<Protocol> found = new ArrayList<>();
        if (benchmarksDir == null || !Files.isDirectory(benchmarksDir)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(benchmarksDir)) {
            for (Path f :
                    dirs.map(d -> d.resolve("reference-protocols.json"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .toList()) {
                for (JsonNode p : json.readTree(f.toFile())) {
                    String id = p.path("id").asText();
                    found.add(
                            new Protocol(
                                    id,
                                    "MTLBoard reference " + id,
                                    "MTLBoard reference runs",
                                    null,
                                    p.path("label").asText("")
                                            + ". "
                                            + p.path("description").asText("")));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the reference protocols: " + e.getMessage(), e);
        }
        return found;
    }
}
