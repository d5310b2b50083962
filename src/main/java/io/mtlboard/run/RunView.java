package io.mtlboard.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.Ref;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run as served by {@code GET /api/runs/{id}} and shown on the run page. {@code supersededBy}
 * names the later run of the same submitter, setting and seed that replaced it on the leaderboard.
 */
public record RunView(
        long id,
        Ref benchmark,
        Ref backbone,
        Ref method,
        String methodLabel,
        String optimizer,
        String gradientLevel,
        Integer seed,
        Integer reportedSeeds,
        String source,
        String badge,
        String status,
        String citation,
        String sourceUrl,
        String description,
        @Schema(
                        description =
                                "the hyper-parameters of the manifest (or of the publication) as given, e.g. {\"lr\": 0.002, \"epochs\": 8}")
                Map<String, Object> hyperParameters,
        List<Value> values,
        EvaluationView evaluation,
        Published published,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String submitter,
        boolean flagged,
        String artifactSha256,
        Long artifactBytes,
        String codeUrl,
        String paperUrl,
        Long queuePosition,
        Progress progress,
        String protocol,
        Long supersededBy) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
            new TypeReference<>() {};

    /**
     * Samples evaluated so far, while running: the clean test split, then its corrupted copies
     * when the worker measures robustness (the total counts both).
     */
    /**
     * Samples scored so far by a running evaluation job: {@code phase} {@code evaluation} while the
     * verdict is being reached, {@code diagnostics} once it is published and the corrupted test
     * splits and FD are measured ({@code done}/{@code total} null while the model is loading).
     */
    public record Progress(Long done, Long total, String phase) {

        /** The progress to show for a run in {@code status} whose job is {@code job}; null for none. */
        public static Progress of(String status, EvaluationSchedule.JobState job) {
            if (job == null || !job.running()) {
                return null;
            }
            if ("running".equals(status)) {
                return job.progressTotal() == null
                        ? null
                        : new Progress(job.progressDone(), job.progressTotal(), "evaluation");
            }
            if ("verified".equals(status)
                    || "discrepant".equals(status)
                    || "rejected".equals(status)) {
                return new Progress(job.progressDone(), job.progressTotal(), "diagnostics");
            }
            return null;
        }
    }

    /** The same view with the queue position and progress of its evaluation job. */
    public RunView withQueue(Long position, Progress p) {
        return with(position, p, supersededBy);
    }

    /**
     * The same view naming the later run of the same submitter, setting and seed that replaces this
     * one on the leaderboard.
     */
    public RunView withSupersededBy(Long laterRunId) {
        return with(queuePosition, progress, laterRunId);
    }

    private RunView with(Long position, Progress p, Long laterRunId) {
        return new RunView(
                id,
                benchmark,
                backbone,
                method,
                methodLabel,
                optimizer,
                gradientLevel,
                seed,
                reportedSeeds,
                source,
                badge,
                status,
                citation,
                sourceUrl,
                description,
                hyperParameters,
                values,
                evaluation,
                published,
                createdAt,
                updatedAt,
                submitter,
                flagged,
                artifactSha256,
                artifactBytes,
                codeUrl,
                paperUrl,
                position,
                p,
                protocol,
                laterRunId);
    }

    /** One metric: what was claimed and, after evaluation, what was measured. */
    public record Value(
            String key,
            String task,
            String metric,
            String title,
            boolean higherIsBetter,
            String unit,
            Double claimed,
            Double measured,
            Boolean agrees) {}

    /**
     * The latest completed evaluation, if any, with its diagnostics: FD on the test split and every
     * metric on the corrupted test splits (empty until measured, or when not measured); for a
     * reference run, {@code training} is the reference trainer's account of how the model was
     * trained (wall time, reuse of an lr-sweep run, the commit of the code that trained it).
     */
    public record EvaluationView(
            int attempt,
            String evaluatorVersion,
            String device,
            String verdict,
            String reason,
            Long parameterCount,
            Double latencyMs,
            Double throughput,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            Double testFd,
            Double testFdMeanEntropy,
            List<Corrupted> corrupted,
            String training) {}

    /** One metric measured on the test split under one corruption at one severity (1–5). */
    public record Corrupted(String corruption, int severity, String metric, double measured) {}

    static RunView from(Run run, Evaluation evaluation) {
        List<Value> values =
                run.benchmark.metrics().stream()
                        .map(
                                m -> {
                                    Double claimed =
                                            run.claims.stream()
                                                    .filter(c -> c.metric.id.equals(m.id))
                                                    .map(c -> c.claimed)
                                                    .findFirst()
                                                    .orElse(null);
                                    EvaluationMeasurement x =
                                            evaluation == null
                                                    ? null
                                                    : evaluation.measurements.stream()
                                                            .filter(e -> e.metric.id.equals(m.id))
                                                            .findFirst()
                                                            .orElse(null);
                                    return new Value(
                                            m.key(),
                                            m.task.name,
                                            m.name,
                                            m.title,
                                            m.higherIsBetter,
                                            m.unit,
                                            claimed,
                                            x == null ? null : x.measured,
                                            x == null ? null : x.agrees);
                                })
                        .toList();
        EvaluationView ev =
                evaluation == null
                        ? null
                        : new EvaluationView(
                                evaluation.attempt,
                                evaluation.evaluatorVersion,
                                evaluation.device,
                                evaluation.verdict,
                                evaluation.reason,
                                evaluation.parameterCount,
                                evaluation.latencyMs,
                                evaluation.throughput,
                                evaluation.startedAt,
                                evaluation.finishedAt,
                                evaluation.testFd,
                                evaluation.testFdMeanEntropy,
                                evaluation.corruptions.stream()
                                        .map(
                                                c ->
                                                        new Corrupted(
                                                                c.corruption,
                                                                c.severity,
                                                                c.metric.key(),
                                                                c.measured))
                                        .sorted(
                                                Comparator.comparing(Corrupted::corruption)
                                                        .thenComparing(Corrupted::metric)
                                                        .thenComparingInt(Corrupted::severity))
                                        .toList(),
                                EvaluationRecord.REFERENCE_TRAINER.equals(evaluation.workerId)
                                        ? evaluation.logExcerpt
                                        : null);
        Published published =
                run.publishedDeltaMTask == null && run.publishedDeltaMFlat == null
                        ? null
                        : new Published(
                                run.publishedDeltaMTask,
                                run.publishedDeltaMTaskStd,
                                run.publishedDeltaMFlat,
                                run.publishedDeltaMFlatStd,
                                run.publishedDeltaMNote);
        String label =
                "feature".equals(run.gradientLevel) && run.method.featureLevelName != null
                        ? run.method.featureLevelName
                        : run.method.name;
        return new RunView(
                run.id,
                new Ref(run.benchmark.id, run.benchmark.name),
                new Ref(run.backbone.id, run.backbone.name),
                new Ref(run.method.id, run.method.name),
                label,
                run.optimizer,
                run.gradientLevel,
                run.seed,
                run.reportedSeeds,
                run.source.name().toLowerCase(),
                RowSource.of(run.source, run.status).id(),
                run.status.name().toLowerCase(),
                run.citation,
                run.sourceUrl,
                run.description,
                hyperParameters(run.hyperParameters),
                values,
                ev,
                published,
                run.createdAt,
                run.updatedAt,
                run.submitter,
                run.flagged,
                run.artifactSha256,
                run.artifactBytes,
                run.codeUrl,
                run.paperUrl,
                null,
                null,
                run.protocol == null ? Protocols.MTLBOARD : run.protocol,
                null);
    }

    /**
     * The stored hyper-parameters (JSON object text) as a map; text that is not a JSON object (none
     * is written so) under the key {@code text}.
     */
    private static Map<String, Object> hyperParameters(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readValue(stored, OBJECT);
        } catch (JsonProcessingException e) {
            return Map.of("text", stored);
        }
    }
}
