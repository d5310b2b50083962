package io.mtlboard.benchmark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a benchmark manifest: validates it against the JSON Schema
 * {@code schemas/benchmark-manifest.schema.json} (on the classpath), then checks the rules a schema
 * cannot express (unique names, output shapes that match the task kind and the input, targets that
 * the data provides), and reports every problem at once. Plain Java: the portal, the worker and the
 * generators all read manifests through it.
 */
public final class BenchmarkManifestReader {

    /** Classpath location of the schema. */
    public static final String SCHEMA_RESOURCE = "/schemas/benchmark-manifest.schema.json";

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Schema SCHEMA = loadSchema();

    private BenchmarkManifestReader() {}

    /**
     * Reads and checks {@code file}.
     *
     * @throws InvalidManifestException listing every problem when the manifest is invalid
     * @throws IOException when the file cannot be read or is not JSON
     */
    public static BenchmarkManifest read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses and checks manifest bytes; {@code source} names them in messages. */
    public static BenchmarkManifest parse(byte[] json, String source) throws IOException {
        JsonNode tree = JSON.readTree(json);
        List<String> problems = new ArrayList<>();
        SCHEMA.validate(tree).forEach(e -> problems.add(describe(e)));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        BenchmarkManifest manifest = JSON.treeToValue(tree, BenchmarkManifest.class);
        problems.addAll(ManifestRules.problems(manifest));
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems);
        }
        return manifest;
    }

    /** A schema violation as {@code /json/pointer: message}, the root being {@code /}. */
    private static String describe(Error e) {
        String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        return (at.isEmpty() ? "/" : at) + ": " + e.getMessage();
    }

    /** The schema as JSON text, to publish or document. */
    public static String schemaText() {
        try (InputStream in = BenchmarkManifestReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema loadSchema() {
        try (InputStream in = BenchmarkManifestReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA_RESOURCE + " on the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
