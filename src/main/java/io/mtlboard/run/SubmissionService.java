package io.mtlboard.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtlboard.benchmark.Method;
import io.mtlboard.submission.ApiToken;
import io.mtlboard.submission.ArtifactStore;
import io.mtlboard.submission.Caller;
import io.mtlboard.submission.TokenService;
import io.mtlboard.submission.TorchScriptCheck;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.ProblemException;
import io.mtlboard.support.Sha256;
import io.mtlboard.support.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Intake of run bundles: validates the manifest and the model file, enforces the idempotency key
 * and the token's quotas (atomically, under a lock on the token's row), stores the artifact and
 * registers the run and its evaluation job in one transaction.
 */
@ApplicationScoped
@Transactional
public class SubmissionService {

    private final ManifestValidator validator;
    private final ArtifactStore artifacts;
    private final TokenService tokens;
    private final RunService runs;
    private final EvaluationSchedule queue;
    private final MtlboardConfig config;

    public SubmissionService(
            ManifestValidator validator,
            ArtifactStore artifacts,
            TokenService tokens,
            RunService runs,
            EvaluationSchedule queue,
            MtlboardConfig config) {
        this.validator = validator;
        this.artifacts = artifacts;
        this.tokens = tokens;
        this.runs = runs;
        this.queue = queue;
        this.config = config;
    }

    /** The registered run and whether it was created by this request (false: idempotent replay). */
    public record Submitted(Run run, boolean created) {}

    /**
     * Accepts a run bundle.
     *
     * @param model the uploaded model file, or null for a claims-only run
     */
    public Submitted submit(
            Caller caller, String manifest, Path model, long modelBytes, String idempotencyKey) {
        int manifestBytes = manifest == null ? 0 : manifest.getBytes(StandardCharsets.UTF_8).length;
        if (manifestBytes > config.submission().maxManifestBytes()) {
            throw new ProblemException(
                    ProblemException.Kind.PAYLOAD_TOO_LARGE,
                    "The manifest has "
                            + manifestBytes
                            + " bytes; a manifest may have at most "
                            + config.submission().maxManifestBytes()
                            + " bytes, whether sent as a text field or as a file part");
        }
        if (model != null && modelBytes > config.submission().maxModelBytes()) {
            throw new ProblemException(
                    ProblemException.Kind.PAYLOAD_TOO_LARGE,
                    "The model is "
                            + modelBytes
                            + " bytes; at most "
                            + config.submission().maxModelBytes()
                            + " are accepted");
        }
        ManifestValidator.ValidManifest valid = validator.validate(manifest);
        if (model != null) {
            TorchScriptCheck.problem(model)
                    .ifPresent(
                            p -> {
                                throw new InvalidInputProblem(
                                        "The model file was refused",
                                        List.of(new Violation("model", p)));
                            });
        }
        String manifestSha = TokenService.hash(manifest);
        String modelSha =
                model == null || idempotencyKey == null || idempotencyKey.isBlank()
                        ? null
                        : Sha256.ofFile(model);
        tokens.lock(caller.tokenId());
        Optional<Submitted> replay = replay(caller, idempotencyKey, manifestSha, modelSha);
        if (replay.isPresent()) {
            return replay.get();
        }
        checkQuotas(caller, model != null);
        ArtifactStore.StoredArtifact stored = model == null ? null : artifacts.store(model);
        Method method = valid.method().orElseGet(() -> newMethod(valid.document()));
        JsonNode doc = valid.document();
        Run run =
                runs.register(
                        new NewRun(
                                valid.benchmark(),
                                valid.backbone(),
                                method,
                                doc.get("optimizer").asText(),
                                doc.get("gradientLevel").asText(),
                                doc.get("seed").asInt(),
                                caller.name(),
                                caller.tokenId(),
                                idempotencyKey,
                                manifest,
                                manifestSha,
                                text(doc, "description"),
                                doc.has("hyperParameters")
                                        ? doc.get("hyperParameters").toString()
                                        : null,
                                text(doc, "codeUrl"),
                                text(doc, "paperUrl"),
                                stored == null ? null : stored.sha256(),
                                stored == null ? null : stored.bytes(),
                                valid.claims()));
        if (stored != null) {
            queue.enqueue(run.id);
        }
        return new Submitted(run, true);
    }

    private Optional<Submitted> replay(
            Caller caller, String key, String manifestSha, String modelSha) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > 200) {
            throw new InvalidInputProblem(
                    "Invalid Idempotency-Key",
                    List.of(new Violation("Idempotency-Key", "at most 200 characters")));
        }
        return Run.byIdempotencyKey(caller.tokenId(), key)
                .map(
                        existing -> {
                            if (!manifestSha.equals(existing.manifestSha256)) {
                                throw new ProblemException(
                                        ProblemException.Kind.CONFLICT,
                                        "Idempotency-Key '"
                                                + key
                                                + "' was already used for run "
                                                + existing.id
                                                + " with a different manifest");
                            }
                            if (!Objects.equals(modelSha, existing.artifactSha256)) {
                                throw new ProblemException(
                                        ProblemException.Kind.CONFLICT,
                                        "Idempotency-Key '"
                                                + key
                                                + "' was already used for run "
                                                + existing.id
                                                + (existing.artifactSha256 == null
                                                        ? " without a model"
                                                        : modelSha == null
                                                                ? " with a model, and this request has none"
                                                                : " with a different model")
                                                + "; use a new key for a new submission");
                            }
                            return new Submitted(existing, false);
                        });
    }

    private void checkQuotas(Caller caller, boolean needsEvaluation) {
        ApiToken token = ApiToken.findById(caller.tokenId());
        long today =
                Run.count(
                        "ownerTokenId = ?1 and createdAt > ?2",
                        caller.tokenId(),
                        OffsetDateTime.now().minusDays(1));
        if (today >= token.runsPerDay) {
            throw new ProblemException(
                    ProblemException.Kind.QUOTA_EXCEEDED,
                    "This token may submit "
                            + token.runsPerDay
                            + " runs per 24 hours and has submitted "
                            + today);
        }
        if (needsEvaluation) {
            long pending =
                    Run.count(
                            "ownerTokenId = ?1 and status in ?2",
                            caller.tokenId(),
                            List.of(RunStatus.QUEUED, RunStatus.RUNNING));
            if (pending >= token.maxConcurrent) {
                throw new ProblemException(
                        ProblemException.Kind.QUOTA_EXCEEDED,
                        "This token may have "
                                + token.maxConcurrent
                                + " runs waiting for or in evaluation and has "
                                + pending);
            }
        }
    }

    private static Method newMethod(JsonNode doc) {
        JsonNode spec = doc.get("newMethod");
        Method m = new Method();
        m.id = doc.get("method").asText();
        m.name = spec.get("name").asText();
        m.paperUrl = spec.get("url").asText();
        m.category = spec.has("category") ? spec.get("category").asText() : "other";
        m.featureLevel = false;
        m.summary = "Submitted with a run; not yet reviewed.";
        m.persist();
        return m;
    }

    private static String text(JsonNode doc, String field) {
        return doc.has(field) ? doc.get(field).asText() : null;
    }

    /** Withdraws a run of the caller (or any run for an admin). */
    public Run withdraw(Caller caller, String runId) {
        Run run = runs.visible(runId);
        if (!caller.admin() && (run.ownerTokenId == null || run.ownerTokenId != caller.tokenId())) {
            throw new ProblemException(
                    ProblemException.Kind.FORBIDDEN,
                    "Only the token that submitted run " + run.id + " or an admin may withdraw it");
        }
        queue.cancel(run.id);
        return runs.withdraw(run);
    }

    /**
     * Evaluates a run again whose evaluation ended FAILED, i.e. for reasons outside the model
     * (the caller checks that an admin asks). Model verdicts (verified, discrepant, rejected) are
     * final and are not retried.
     */
    public Run retry(String runId) {
        Run run = runs.visible(runId);
        String previous = queue.state(run.id).map(j -> j.lastError()).orElse(null);
        if (run.status != RunStatus.FAILED
                || !queue.requeue(
                        run.id,
                        "re-queued by an admin"
                                + (previous == null ? "" : " after: " + previous))) {
            throw new ProblemException(
                    ProblemException.Kind.CONFLICT,
                    "Run "
                            + run.id
                            + " is "
                            + run.status.name().toLowerCase()
                            + ": only a run whose evaluation failed for reasons outside "
                            + "the model can be retried; verified, discrepant and rejected verdicts are final");
        }
        return runs.requeue(run);
    }
}
