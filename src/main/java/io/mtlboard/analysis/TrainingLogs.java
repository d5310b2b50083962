package io.mtlboard.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the training log of a run manifest ({@code trainingLog} in
 * {@code schemas/run-manifest.schema.json}) into {@link LogEpoch}s. The scalar indicators of
 * METRICS.md §3 and §4 are kept, the sum over tasks of the per-task training losses under
 * {@link Indicator#TRAINING_LOSS} (only when every logged loss is finite) and their geometric mean
 * under {@link Indicator#TRAINING_LOSS_GEOMETRIC} (only when every one is positive and finite); per-task relative norms
 * and weights are not analysed here. Values that are missing or not finite are skipped, never
 * guessed.
 */
final class TrainingLogs {

    /** The gradient levels and scopes a log may hold indicators for. */
    static final List<String> LEVELS = List.of("param", "feature");

    /**
     * Batch-level scopes ({@code interTask}, {@code interSample}: batch and half-batch gradients) and
     * the per-sample scopes of Elich et al. (arXiv 2311.04698, App. A3.2).
     */
    static final List<String> SCOPES =
            List.of("interTask", "interSample", "interTaskPerSample", "interSamplePerSample");

    /** The scalar indicators of one level and scope. */
    static final List<String> NAMES =
            List.of(
                    "cosine",
                    "magnitudeSimilarity",
                    "conflictRatio",
                    "coordinateConflictRatio",
                    "imbalance");

    private TrainingLogs() {}

    /** The log of a manifest; empty when the manifest has none or is not JSON. */
    static List<LogEpoch> fromManifest(String manifest, ObjectMapper json) {
        if (manifest == null || manifest.isBlank()) {
            return List.of();
        }
        try {
            return parse(json.readTree(manifest).get("trainingLog"));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** The entries of a {@code trainingLog} array, in logged order; empty for null or a non-array. */
    static List<LogEpoch> parse(JsonNode log) {
        if (log == null || !log.isArray()) {
            return List.of();
        }
        List<LogEpoch> epochs = new ArrayList<>();
        for (JsonNode entry : log) {
            JsonNode epoch = entry.get("epoch");
            if (epoch == null || !epoch.canConvertToInt()) {
                continue;
            }
            Map<String, Double> values = new HashMap<>();
            JsonNode indicators = entry.path("indicators");
            for (String level : LEVELS) {
                for (String scope : SCOPES) {
                    JsonNode node = indicators.path(level).path(scope);
                    for (String name : NAMES) {
                        put(values, level + "." + scope + "." + name, node.get(name));
                    }
                }
            }
            put(values, "fd.value", entry.path("fd").get("value"));
            put(values, "fd.meanEntropy", entry.path("fd").get("meanEntropy"));
            double[] losses = losses(entry.get("losses"));
            if (losses != null) {
                double sum = 0;
                double logs = 0;
                boolean positive = true;
                for (double l : losses) {
                    sum += l;
                    positive &= l > 0;
                    logs += positive ? Math.log(l) : 0;
                }
                values.put(Indicator.TRAINING_LOSS, sum);
                if (positive) {
                    values.put(Indicator.TRAINING_LOSS_GEOMETRIC, Math.exp(logs / losses.length));
                }
            }
            epochs.add(new LogEpoch(epoch.intValue(), number(entry.get("seconds")), values));
        }
        return epochs;
    }

    /**
     * The per-task losses of a log entry: null when there are none or one is not a finite number
     * (their sum is {@link Indicator#TRAINING_LOSS}; their geometric mean, {@link
     * Indicator#TRAINING_LOSS_GEOMETRIC}, needs every one positive).
     */
    private static double[] losses(JsonNode losses) {
        if (losses == null || !losses.isObject() || losses.isEmpty()) {
            return null;
        }
        double[] values = new double[losses.size()];
        int t = 0;
        for (JsonNode loss : losses) {
            Double value = number(loss);
            if (value == null) {
                return null;
            }
            values[t++] = value;
        }
        return values;
    }

    private static void put(Map<String, Double> values, String key, JsonNode node) {
        Double value = number(node);
        if (value != null) {
            values.put(key, value);
        }
    }

    private static Double number(JsonNode node) {
        return node != null && node.isNumber() && Double.isFinite(node.doubleValue())
                ? node.doubleValue()
                : null;
    }
}
