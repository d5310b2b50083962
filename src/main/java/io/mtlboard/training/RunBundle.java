package io.mtlboard.training;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.evaluation.EvaluationResult;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.support.CodeVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one reference run as the portal imports it: one JSON file with the run manifest
 * ({@code manifest}, valid against {@code run-manifest.schema.json}: claims = the measured test
 * metrics, the per-epoch training log), the evaluation ({@code evaluation}: measured values,
 * verdict, device, engine, efficiency, evaluator version) and the training wall time.
 */
record RunBundle(
        RunSpec spec,
        Map<String, Object> hyperParameters,
        Map<String, Double> claims,
        List<Map<String, Object>> trainingLog,
        EvaluationResult evaluation,
        double trainingSeconds,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Map<String, Object> protocol,
        Map<String, Object> convergence,
        Map<String, Object> diagnostics,
        List<Integer> resumedAfter,
        List<Map<String, Object>> codeSegments) {

    /** A bundle without protocol and convergence facts. */
    RunBundle(
            RunSpec spec,
            Map<String, Object> hyperParameters,
            Map<String, Double> claims,
            List<Map<String, Object>> trainingLog,
            EvaluationResult evaluation,
            double trainingSeconds,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
        this(
                spec,
                hyperParameters,
                claims,
                trainingLog,
                evaluation,
                trainingSeconds,
                startedAt,
                finishedAt,
                null,
                null,
                null,
                null,
                null);
    }

    /** Identifies the file format. */
    static final String FORMAT = "mtlboard-reference-run/1";

    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT);

    /** The run manifest. */
    Map<String, Object> manifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", spec.benchmark());
        m.put("backbone", spec.backbone());
        m.put("method", spec.method());
        m.put("optimizer", spec.optimizer());
        m.put("gradientLevel", spec.level().id());
        m.put("seed", spec.seed());
        m.put("hyperParameters", hyperParameters);
        m.put("claims", claims);
        m.put("trainingLog", trainingLog);
        m.put(
                "description",
                "MTLBoard reference run, trained with DJL (PyTorch engine) by `mtlboard reference` and "
                        + "evaluated on the test split by the submissions' evaluator.");
        return m;
    }

    /** The whole bundle as a JSON tree of maps. */
    Map<String, Object> toMap() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("evaluatorVersion", ModelEvaluator.VERSION);
        e.put("verdict", evaluation.verdict());
        e.put("device", evaluation.device());
        e.put("engine", evaluation.engine());
        e.put("measured", evaluation.measured());
        e.put("agrees", evaluation.agrees());
        e.put("parameterCount", evaluation.parameterCount());
        e.put("latencyMs", evaluation.latencyMs());
        e.put("throughput", evaluation.throughput());
        e.put("samples", evaluation.samples());
        e.put("seconds", evaluation.seconds());
        if (diagnostics != null) {
            e.put("diagnostics", diagnostics);
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("seconds", trainingSeconds);
        training.put("threads", JniUtils.getNumThreads());
        training.put("startedAt", startedAt.toString());
        training.put("finishedAt", finishedAt.toString());
        if (convergence != null) {
            training.put("convergence", convergence);
        }
        // the code that trained it (of the last segment when resumed): same protocol and seed give
        // the same numbers only under the same code
        CodeVersion.current().ifPresent(c -> training.put("code", c.toMap()));
        if (resumedAfter != null && !resumedAfter.isEmpty()) {
            // the run was stopped and resumed from its checkpoint after these epochs; seconds sum
            // the segments, startedAt is the last segment's
            training.put("resumedAfterEpochs", resumedAfter);
            if (codeSegments != null) {
                // and the code of each segment: {fromEpoch, code} (code null where the
                // checkpoint predates the record)
                training.put("codeSegments", codeSegments);
            }
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", FORMAT);
        if (protocol != null) {
            bundle.put("protocol", protocol);
        }
        bundle.put("manifest", manifest());
        bundle.put("evaluation", e);
        bundle.put("training", training);
        return bundle;
    }

    /** Writes the bundle to {@code dir/<benchmark>/<run name>.json}, atomically; returns the file. */
    Path write(Path dir) throws IOException {
        return writeTo(dir.resolve(spec.benchmark()).resolve(spec.name() + ".json"));
    }

    /** Writes the bundle to {@code target}, atomically; returns it. */
    Path writeTo(Path target) throws IOException {
        JsonFiles.writeAtomically(JSON, target, toMap());
        return target;
    }
}
