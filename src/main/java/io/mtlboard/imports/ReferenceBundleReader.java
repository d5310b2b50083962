package io.mtlboard.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.ImportedRun;
import io.mtlboard.run.ManifestValidator;
import io.mtlboard.run.RunSource;
import io.mtlboard.support.CodeVersion;
import io.mtlboard.support.ProblemException;
import io.mtlboard.support.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one reference run bundle (written by {@code mtlboard reference}): the run manifest,
 * checked exactly as a submitted manifest is ({@link ManifestValidator}), and the evaluation,
 * which must carry a verdict and a finite measured value for every metric of the benchmark.
 */
@ApplicationScoped
class ReferenceBundleReader {

    static final String FORMAT = "mtlboard-reference-run/1";
    static final String WORKER = EvaluationRecord.REFERENCE_TRAINER;

    private final ObjectMapper json;
    private final ManifestValidator validator;

    ReferenceBundleReader(ObjectMapper json, ManifestValidator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * The run of a bundle, or empty with every problem added to {@code problems}.
     *
     * @param key the bundle's import key (its path under the reference directory)
     * @param benchmark the benchmark the bundle's directory names
     */
    Optional<ImportedRun> read(
            String key, String benchmark, byte[] content, String hash, List<String> problems) {
        int before = problems.size();
        JsonNode bundle;
        try {
            bundle = json.readTree(content);
        } catch (IOException e) {
            problems.add(key + ": not JSON: " + e.getMessage());
            return Optional.empty();
        }
        if (!FORMAT.equals(bundle.path("format").asText())) {
            problems.add(key + ": format must be '" + FORMAT + "'");
        }
        String manifest = bundle.path("manifest").toString();
        ManifestValidator.ValidManifest valid = null;
        try {
            valid = validator.validate(manifest);
        } catch (ProblemException invalid) {
            invalid.violations()
                    .forEach(
                            v -> problems.add(key + ": manifest" + v.field() + ": " + v.message()));
        }
        if (valid != null && !valid.benchmark().id.equals(benchmark)) {
            problems.add(
                    key
                            + ": benchmark '"
                            + valid.benchmark().id
                            + "' in the directory of '"
                            + benchmark
                            + "'");
        }
        if (valid != null && valid.method().isEmpty()) {
            problems.add(key + ": reference runs use a known method");
        }
        EvaluationRecord evaluation =
                valid == null ? null : evaluation(key, bundle, valid, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        JsonNode doc = valid.document();
        return Optional.of(
                new ImportedRun(
                        key,
                        hash,
                        RunSource.REFERENCE,
                        valid.benchmark(),
                        valid.backbone(),
                        valid.method().get(),
                        doc.get("optimizer").asText(),
                        doc.get("gradientLevel").asText(),
                        doc.get("seed").asInt(),
                        "MTLBoard reference run (" + key + ")",
                        manifest,
                        Sha256.of(manifest.getBytes(StandardCharsets.UTF_8)),
                        doc.path("description").asText(null),
                        doc.has("hyperParameters") ? doc.get("hyperParameters").toString() : null,
                        valid.claims(),
                        evaluation,
                        diagnostics(
                                key,
                                bundle.path("evaluation").path("diagnostics"),
                                valid,
                                problems),
                        bundle.path("protocol").path("id").asText(null)));
    }

    /**
     * The diagnostics the reference trainer measured ({@code evaluation.diagnostics}: test-split FD
     * and the corrupted-split values), checked like the worker's; null when the bundle has none.
     */
    private static EvaluationDiagnostics diagnostics(
            String key, JsonNode d, ManifestValidator.ValidManifest valid, List<String> problems) {
        if (d.isMissingNode() || d.isNull()) {
            return null;
        }
        Double fd = null;
        Double entropy = null;
        JsonNode testFd = d.path("testFd");
        if (testFd.isObject()) {
            fd = testFd.path("fd").asDouble(Double.NaN);
            entropy = testFd.path("meanEntropy").asDouble(Double.NaN);
            if (!(fd >= 0 && fd <= 1) || !(entropy >= 0)) {
                problems.add(
                        key
                                + ": evaluation.diagnostics.testFd needs fd in [0, 1] and meanEntropy ≥ 0");
            }
        }
        List<EvaluationDiagnostics.Corrupted> corrupted = new ArrayList<>();
        Set<String> metrics = new HashSet<>();
        valid.benchmark().metrics().forEach(m -> metrics.add(m.key()));
        for (JsonNode c : d.path("corrupted")) {
            String metric = c.path("metric").asText();
            int severity = c.path("severity").asInt(0);
            double value = c.path("value").asDouble(Double.NaN);
            if (!metrics.contains(metric)
                    || severity < 1
                    || severity > 5
                    || !Double.isFinite(value)
                    || c.path("corruption").asText().isEmpty()) {
                problems.add(
                        key
                                + ": evaluation.diagnostics.corrupted needs a corruption, a severity 1–5, a metric "
                                + "of the benchmark and a finite value: "
                                + c);
            } else {
                corrupted.add(
                        new EvaluationDiagnostics.Corrupted(
                                c.path("corruption").asText(), severity, metric, value));
            }
        }
        return new EvaluationDiagnostics(fd, entropy, corrupted);
    }

    private static EvaluationRecord evaluation(
            String key,
            JsonNode bundle,
            ManifestValidator.ValidManifest valid,
            List<String> problems) {
        JsonNode e = bundle.path("evaluation");
        String verdict = e.path("verdict").asText();
        if (!List.of("VERIFIED", "DISCREPANT").contains(verdict)) {
            problems.add(
                    key
                            + ": evaluation.verdict must be VERIFIED or DISCREPANT, not '"
                            + verdict
                            + "'");
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        Map<String, Boolean> agrees = new LinkedHashMap<>();
        for (BenchmarkMetric m : valid.benchmark().metrics()) {
            JsonNode v = e.path("measured").path(m.key());
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                problems.add(key + ": evaluation.measured." + m.key() + " must be a finite number");
            } else {
                measured.put(m.key(), v.asDouble());
                agrees.put(m.key(), e.path("agrees").path(m.key()).asBoolean(false));
            }
        }
        JsonNode training = bundle.path("training");
        return new EvaluationRecord(
                e.path("evaluatorVersion").asText("unknown"),
                WORKER,
                e.path("device").asText(null),
                verdict,
                null,
                number(e, "parameterCount") == null
                        ? null
                        : number(e, "parameterCount").longValue(),
                number(e, "latencyMs"),
                number(e, "throughput"),
                summary(e, training),
                time(training, "startedAt", key, problems),
                time(training, "finishedAt", key, problems),
                measured,
                agrees);
    }

    /**
     * The evaluation's log line: how long training took and where it was evaluated; for a run
     * reused from its protocol's lr sweep, that it was trained once, as the sweep's run.
     */
    static String summary(JsonNode evaluation, JsonNode training) {
        String reused = training.path("reusedFrom").asText("");
        return String.format(
                Locale.ROOT,
                "Reference run trained by mtlboard reference in %.1f s%s; evaluated on %d test samples on %s with %s. %s",
                training.path("seconds").asDouble(),
                reused.isEmpty()
                        ? ""
                        : " as the lr sweep's run at this rate and seed ("
                                + reused
                                + "), the same training as this protocol run's, so not repeated",
                evaluation.path("samples").asLong(),
                evaluation.path("device").asText("?"),
                evaluation.path("engine").asText("?"),
                codeLine(training));
    }

    /**
     * Which code trained the run: one version, or for a run stopped and resumed under different
     * code the version of each segment of epochs ({@code training.codeSegments}).
     */
    static String codeLine(JsonNode training) {
        JsonNode segments = training.path("codeSegments");
        List<String> versions = new ArrayList<>();
        segments.forEach(
                s ->
                        versions.add(
                                CodeVersion.of(s.path("code"))
                                        .map(CodeVersion::describe)
                                        .orElse(null)));
        if (segments.size() > 1 && versions.stream().distinct().count() > 1) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                int from = segments.get(i).path("fromEpoch").asInt();
                String epochs =
                        i + 1 < segments.size()
                                ? "epochs "
                                        + from
                                        + "–"
                                        + (segments.get(i + 1).path("fromEpoch").asInt() - 1)
                                : "epoch " + from + " on";
                parts.add(
                        (versions.get(i) == null ? "code not recorded" : versions.get(i))
                                + " ("
                                + epochs
                                + ")");
            }
            return "Stopped and resumed under different code: " + String.join("; ", parts) + ".";
        }
        return CodeVersion.of(training.path("code"))
                .map(c -> "Trained by the code of " + c.describe() + ".")
                .orElse("Code version not recorded (the bundle predates training.code).");
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static OffsetDateTime time(
            JsonNode node, String field, String key, List<String> problems) {
        try {
            return node.hasNonNull(field) ? OffsetDateTime.parse(node.get(field).asText()) : null;
        } catch (DateTimeParseException e) {
            problems.add(key + ": training." + field + " is not an ISO date-time");
            return null;
        }
    }
}
