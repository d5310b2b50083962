package io.mtlboard.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.support.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A documented reference protocol of one benchmark × backbone, read from
 * {@code benchmarks-data/<benchmark>/reference-protocols.json}: how every reference run of it is
 * trained (split sizes, epochs, batch, checkpoint rule, convergence criterion, logging, the
 * feature-level α variant) and how its learning rates are chosen (the lr sweep: grid and methods
 * per optimizer, one seed). Every bundle stores the protocol's id, label and {@link #hash()}, a
 * SHA-256 of its canonical JSON (keys sorted), so that a resumed sweep skips exactly the runs
 * already trained under the same protocol and rows of different protocols are never ranked
 * together.
 */
public record ReferenceProtocol(
        String id,
        String label,
        String benchmark,
        String backbone,
        String description,
        String trainSplit,
        int trainSamples,
        int validationSamples,
        int batchSize,
        int epochs,
        String checkpoint,
        double convergenceThreshold,
        int logEvery,
        FeatureGradients featureGradients,
        double sgdMomentum,
        long sweepSeed,
        Map<String, List<Double>> sweepGrid,
        Map<String, List<String>> sweepMethods,
        String hash,
        JsonNode document) {

    /** The protocol file of a benchmark, under the benchmarks directory. */
    static final String FILE = "reference-protocols.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Reads the protocol {@code id} of {@code benchmark}. */
    public static ReferenceProtocol read(Path benchmarksDir, String benchmark, String id)
            throws IOException {
        Path file = benchmarksDir.resolve(benchmark).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "no reference protocols for " + benchmark + " (" + file + ")");
        }
        List<String> known = new ArrayList<>();
        for (JsonNode p : JSON.readTree(file.toFile())) {
            known.add(p.path("id").asText());
            if (p.path("id").asText().equals(id)) {
                return parse(benchmark, p);
            }
        }
        throw new IllegalArgumentException(
                "unknown protocol '" + id + "' for " + benchmark + "; known: " + known);
    }

    /** Parses one protocol object; every field is required. */
    static ReferenceProtocol parse(String benchmark, JsonNode p) {
        JsonNode sweep = required(p, "lrSweep");
        Map<String, List<Double>> grid = new LinkedHashMap<>();
        required(sweep, "grid")
                .fields()
                .forEachRemaining(
                        e -> {
                            List<Double> rates = new ArrayList<>();
                            e.getValue().forEach(x -> rates.add(x.asDouble()));
                            grid.put(ModelOptimizer.requireKnown(e.getKey()), List.copyOf(rates));
                        });
        Map<String, List<String>> methods = new LinkedHashMap<>();
        required(sweep, "methods")
                .fields()
                .forEachRemaining(
                        e -> {
                            List<String> ids = new ArrayList<>();
                            e.getValue().forEach(x -> ids.add(x.asText()));
                            methods.put(ModelOptimizer.requireKnown(e.getKey()), List.copyOf(ids));
                        });
        ReferenceProtocol protocol =
                new ReferenceProtocol(
                        text(p, "id"),
                        text(p, "label"),
                        benchmark,
                        text(p, "backbone"),
                        text(p, "description"),
                        text(p, "trainSplit"),
                        required(p, "trainSamples").asInt(),
                        required(p, "validationSamples").asInt(),
                        required(p, "batchSize").asInt(),
                        required(p, "epochs").asInt(),
                        text(p, "checkpoint"),
                        required(p, "convergenceThreshold").asDouble(),
                        required(p, "logEvery").asInt(),
                        FeatureGradients.parse(text(p, "featureGradients")),
                        required(p, "sgdMomentum").asDouble(),
                        required(sweep, "seed").asLong(),
                        Map.copyOf(grid),
                        Map.copyOf(methods),
                        hash(benchmark, p),
                        p);
        protocol.lrSchedule(); // an unknown schedule fails here, not after hours of training
        if (!protocol.checkpoint().equals("best-validation")
                && !protocol.checkpoint().equals("last")) {
            throw new IllegalArgumentException(
                    "protocol "
                            + protocol.id()
                            + ": checkpoint must be best-validation or "
                            + "last");
        }
        return protocol;
    }

    /** SHA-256 of the benchmark id and the protocol's canonical JSON (keys sorted). */
    public static String hash(String benchmark, JsonNode protocol) {
        try {
            Object tree = JSON.treeToValue(protocol, Object.class);
            byte[] canonical =
                    (benchmark + "\n" + JSON.writeValueAsString(tree))
                            .getBytes(StandardCharsets.UTF_8);
            return Sha256.of(canonical);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the best validation epoch is kept (otherwise the last). */
    boolean bestValidationCheckpoint() {
        return checkpoint.equals("best-validation");
    }

    /** How the protocol's learning rate changes over a run: its {@code lrSchedule}, constant without one. */
    LrSchedule lrSchedule() {
        JsonNode schedule = document == null ? null : document.get("lrSchedule");
        return LrSchedule.parse(schedule == null || schedule.isNull() ? null : schedule.asText());
    }

    /** The training settings of the protocol with learning rate {@code lr}. */
    TrainingSettings settings(double lr) {
        return new TrainingSettings(
                        epochs,
                        batchSize,
                        lr,
                        trainSplit,
                        trainSamples,
                        validationSamples,
                        logEvery,
                        bestValidationCheckpoint(),
                        convergenceThreshold,
                        featureGradients,
                        sgdMomentum)
                .withLrSchedule(lrSchedule());
    }

    /** What every bundle stores about its protocol. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("hash", hash);
        m.put("definition", JSON.convertValue(document, Object.class));
        return m;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("reference protocol: missing field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }
}
