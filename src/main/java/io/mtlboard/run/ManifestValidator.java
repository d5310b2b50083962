package io.mtlboard.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a run manifest: first against the published JSON Schema
 * ({@code /api/schemas/run-manifest}), then against the registries (known benchmark, backbone and
 * method, claims for exactly the benchmark's metrics, finite numbers in the metric's range). JSON
 * is read strictly: duplicate keys and content after the object are refused. Reports every
 * violation at once.
 */
@ApplicationScoped
public class ManifestValidator {

    static final String SCHEMA_RESOURCE = "schemas/run-manifest.schema.json";

    private static final Pattern DUPLICATE =
            Pattern.compile("^Duplicate (?:field|Object property) '([^']*)'");

    /** Refuses duplicate keys and anything after the object, which a lenient parser silently accepts. */
    private final ObjectReader strict;

    private final Schema schema;

    public ManifestValidator(ObjectMapper json) {
        this.strict = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        try (InputStream in =
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream(SCHEMA_RESOURCE)) {
            this.schema =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest that passed validation, with the parsed document. */
    public record ValidManifest(
            JsonNode document,
            Benchmark benchmark,
            Backbone backbone,
            Optional<Method> method,
            Map<BenchmarkMetric, Double> claims) {}

    /**
     * Parses and validates a manifest.
     *
     * @throws InvalidInputProblem listing every problem
     */
    public ValidManifest validate(String text) {
        JsonNode doc = parse(text);
        List<Violation> violations = new ArrayList<>();
        for (Error e : schema.validate(doc)) {
            violations.add(new Violation(pointer(e), e.getMessage()));
        }
        // registry checks run even when the schema failed, so that one answer lists every problem
        Optional<Benchmark> benchmark = lookup(doc, "benchmark", Benchmark::byId);
        Optional<Backbone> backbone = lookup(doc, "backbone", Backbone::byId);
        Optional<Method> method = lookup(doc, "method", Method::byId);
        if (doc.path("benchmark").isTextual() && benchmark.isEmpty()) {
            violations.add(
                    new Violation(
                            "/benchmark",
                            "unknown benchmark '"
                                    + doc.get("benchmark").asText()
                                    + "'; known: "
                                    + Benchmark.allByName().stream().map(b -> b.id).toList()));
        }
        if (doc.path("backbone").isTextual() && backbone.isEmpty()) {
            violations.add(
                    new Violation(
                            "/backbone",
                            "unknown backbone '"
                                    + doc.get("backbone").asText()
                                    + "'; known: "
                                    + Backbone.allById().stream().map(b -> b.id).toList()));
        }
        if (doc.path("method").isTextual() && method.isEmpty() && !doc.has("newMethod")) {
            violations.add(
                    new Violation(
                            "/method",
                            "unknown method '"
                                    + doc.get("method").asText()
                                    + "'; use a known id (GET /api/methods) or describe a new one in newMethod {name, url}"));
        }
        if (method.isPresent() && doc.has("newMethod")) {
            violations.add(
                    new Violation(
                            "/newMethod",
                            "method '" + method.get().id + "' already exists; omit newMethod"));
        }
        Map<BenchmarkMetric, Double> claims =
                doc.path("claims").isObject()
                        ? benchmark
                                .map(b -> claims(b, doc.get("claims"), violations))
                                .orElse(Map.of())
                        : Map.of();
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return new ValidManifest(doc, benchmark.get(), backbone.get(), method, claims);
    }

    private static <T> Optional<T> lookup(
            JsonNode doc, String field, Function<String, Optional<T>> find) {
        JsonNode node = doc.path(field);
        return node.isTextual() ? find.apply(node.asText()) : Optional.empty();
    }

    private Map<BenchmarkMetric, Double> claims(
            Benchmark b, JsonNode claims, List<Violation> violations) {
        Map<String, BenchmarkMetric> byKey = new LinkedHashMap<>();
        b.metrics().forEach(m -> byKey.put(m.key(), m));
        Map<BenchmarkMetric, Double> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            BenchmarkMetric metric = byKey.get(e.getKey());
            double value = e.getValue().asDouble();
            if (!e.getValue().isNumber()) {
                continue; // reported by the schema
            } else if (metric == null) {
                violations.add(
                        new Violation(
                                "/claims/" + e.getKey(),
                                "not a metric of " + b.id + "; metrics: " + byKey.keySet()));
            } else if (!Double.isFinite(value)) {
                violations.add(new Violation("/claims/" + e.getKey(), "must be a finite number"));
            } else if (outOfRange(metric, value) != null) {
                violations.add(new Violation("/claims/" + e.getKey(), outOfRange(metric, value)));
            } else {
                result.put(metric, value);
            }
        }
        for (String key : byKey.keySet()) {
            if (!claims.has(key)) {
                violations.add(
                        new Violation(
                                "/claims/" + key,
                                "missing: every metric of " + b.id + " must be claimed"));
            }
        }
        return result;
    }

    /**
     * The range a claim must lie in, from the metric's declaration in the benchmark manifest:
     * percentages in [0, 100], angles in degrees in [0, 180], errors (lower is better) at least 0.
     * Null when the value is in range.
     */
    static String outOfRange(BenchmarkMetric metric, double value) {
        String unit = metric.unit == null ? "" : metric.unit.trim();
        if ("%".equals(unit) && (value < 0 || value > 100)) {
            return "must be between 0 and 100: " + metric.key() + " is a percentage";
        } else if ("°".equals(unit) && (value < 0 || value > 180)) {
            return "must be between 0 and 180: " + metric.key() + " is an angle in degrees";
        } else if (!metric.higherIsBetter && value < 0) {
            return "must be 0 or more: " + metric.key() + " is an error";
        }
        return null;
    }

    private static final String TRAILING = "Trailing content";

    /** Anything but whitespace after the object — another value, a stray brace — is refused. */
    private static void trailing(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentLocation();
        boolean more;
        try {
            more = parser.nextToken() != null;
        } catch (JsonParseException e) {
            more = true;
        }
        if (more) {
            throw new JsonParseException(parser, TRAILING, at);
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(
                    List.of(
                            new Violation(
                                    "manifest",
                                    "the multipart part 'manifest' (JSON) is required")));
        }
        try {
            JsonNode doc;
            try (JsonParser parser = strict.createParser(text)) {
                doc = strict.readTree(parser);
                trailing(parser);
            }
            if (doc == null || !doc.isObject()) {
                throw invalid(List.of(new Violation("manifest", "must be a JSON object")));
            }
            return doc;
        } catch (JsonProcessingException e) {
            String where =
                    e.getLocation() == null
                            ? ""
                            : " at line "
                                    + e.getLocation().getLineNr()
                                    + ", column "
                                    + e.getLocation().getColumnNr();
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (message.startsWith(TRAILING)) {
                throw invalid(
                        List.of(
                                new Violation(
                                        "manifest",
                                        "has trailing content after the JSON object" + where)));
            }
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.find()) {
                throw invalid(
                        List.of(
                                new Violation(
                                        "manifest",
                                        "has a duplicate key '"
                                                + duplicate.group(1)
                                                + "'"
                                                + where
                                                + "; every key may appear once per object")));
            }
            throw invalid(
                    List.of(
                            new Violation(
                                    "manifest", "is not valid JSON" + where + ": " + message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON pointer of a schema error, built from the path's elements (keys may contain dots). */
    private static String pointer(Error e) {
        StringBuilder pointer = new StringBuilder();
        NodePath path = e.getInstanceLocation();
        for (int i = 0; path != null && i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/')
                    .append(
                            element instanceof Number
                                    ? element.toString()
                                    : String.valueOf(element)
                                            .replace("~", "~0")
                                            .replace("/", "~1"));
        }
        if (e.getProperty() != null && "required".equals(e.getKeyword())) {
            pointer.append('/').append(e.getProperty());
        }
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static InvalidInputProblem invalid(List<Violation> violations) {
        return new InvalidInputProblem(
                violations.size() + " problem(s) in the run manifest", violations);
    }
}
