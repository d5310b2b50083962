package io.mtlboard.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.submission.Caller;
import io.mtlboard.submission.TokenService;
import io.mtlboard.support.ApiDocument;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.PathIds;
import io.mtlboard.support.Problem;
import io.mtlboard.support.RequestSizeGuard;
import io.mtlboard.support.Violation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.common.headers.HeaderUtil;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/** {@code /api/runs}: submit run bundles, follow their evaluation, withdraw or moderate them. */
@Path("/api/runs")
@Tag(name = "Runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final Set<String> PARTS = Set.of("manifest", "model");

    /** A claims-only manifest (no model: the run is listed as claimed), the OpenAPI example. */
    static final String CLAIMS_ONLY_EXAMPLE =
            "{\"benchmark\": \"multifashion\", \"backbone\": \"lenet5\", \"method\": \"ew\", "
                    + "\"optimizer\": \"adam\", \"gradientLevel\": \"param\", \"seed\": 1, "
                    + "\"hyperParameters\": {\"lr\": 0.002, \"epochs\": 8}, "
                    + "\"claims\": {\"left.accuracy\": 66.5, \"right.accuracy\": 60.31}, "
                    + "\"description\": \"claims only: no model\"}";

    private final SubmissionService submissions;
    private final TokenService tokens;
    private final RunService runs;
    private final EvaluationSchedule queue;
    private final ObjectMapper json;
    private final RequestSizeGuard sizeGuard;

    public RunResource(
            SubmissionService submissions,
            TokenService tokens,
            RunService runs,
            EvaluationSchedule queue,
            ObjectMapper json,
            RequestSizeGuard sizeGuard) {
        this.json = json;
        this.sizeGuard = sizeGuard;
        this.submissions = submissions;
        this.tokens = tokens;
        this.runs = runs;
        this.queue = queue;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(
            summary = "Submit a run bundle",
            description =
                    "Needs a token: `Authorization: Bearer <token>` (in Swagger UI, the Authorize "
                            + "button). Multipart parts: `manifest`, the run manifest as JSON text "
                            + "(schema: [/api/schemas/run-manifest](/api/schemas/run-manifest)), and "
                            + "optional `model`, a TorchScript file saved by `torch.jit.save`. A bundle "
                            + "without a model is listed as claimed; with one it is queued and evaluated. "
                            + "An `Idempotency-Key` header makes retries safe.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA,
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            requiredProperties = "manifest",
                                            properties = {
                                                @SchemaProperty(
                                                        name = "manifest",
                                                        type = SchemaType.STRING,
                                                        description =
                                                                "The run manifest, JSON text as a text field or a file part "
                                                                        + "(at most 1 MiB); its JSON Schema is "
                                                                        + "[/api/schemas/run-manifest](/api/schemas/run-manifest). "
                                                                        + "Claims are keyed `task.metric` as `GET /api/benchmarks/{id}` "
                                                                        + "lists them, one for every metric.",
                                                        example = CLAIMS_ONLY_EXAMPLE),
                                                @SchemaProperty(
                                                        name = "model",
                                                        type = SchemaType.STRING,
                                                        format = "binary",
                                                        description =
                                                                "Optional TorchScript model (torch.jit.save): forward(x) returns "
                                                                        + "a tuple with one tensor per task in the benchmark's task "
                                                                        + "order; optionally it also exports encode(x) -> z and "
                                                                        + "decode(z) -> tuple of task outputs, with "
                                                                        + "decode(encode(x)) = forward(x), so that the worker measures "
                                                                        + "feature disentanglement on the first 2,000 test samples.")
                                            })))
    @APIResponse(
            responseCode = "201",
            description = "Accepted; Location names the run",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RunView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Every problem of the bundle",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown token")
    @APIResponse(responseCode = "409", description = "Idempotency key reused with another manifest")
    @APIResponse(responseCode = "413", description = "Manifest or model too large")
    @APIResponse(responseCode = "429", description = "A quota of the token would be exceeded")
    public Response submit(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description =
                                    "Any key of yours for this bundle, e.g. my-run-1: sending the same "
                                            + "bundle again with it returns the first answer instead of a "
                                            + "second run; another bundle with it is refused (409).")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            MultipartFormDataInput input) {
        sizeGuard.requireWithinLimit();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("boundary=")) {
            throw new InvalidInputProblem(
                    "Malformed multipart body",
                    List.of(
                            new Violation(
                                    "Content-Type",
                                    "multipart/form-data needs a boundary parameter (multipart/form-data; boundary=...)")));
        }
        Caller caller = tokens.authenticate(authorization);
        Map<String, Collection<FormValue>> parts = input.getValues();
        List<Violation> violations = new ArrayList<>();
        long unnamed =
                parts.values().stream()
                        .flatMap(Collection::stream)
                        .filter(v -> ownName(v) == null)
                        .count();
        if (unnamed > 0) {
            violations.add(
                    new Violation(
                            "part",
                            "a part without a field name"
                                    + (unnamed > 1 ? " (" + unnamed + " such parts)" : "")
                                    + ": every part needs 'Content-Disposition: form-data; name=\"manifest\"' "
                                    + "or name=\"model\""));
        }
        parts.keySet().stream()
                .filter(p -> p != null && !p.isBlank() && !PARTS.contains(p))
                .sorted()
                .forEach(
                        p ->
                                violations.add(
                                        new Violation(
                                                p,
                                                "unknown part; parts are 'manifest' and 'model'")));
        for (String name : PARTS) {
            long given =
                    parts.getOrDefault(name, List.of()).stream()
                            .filter(v -> ownName(v) != null)
                            .count();
            if (given > 1) {
                violations.add(new Violation(name, "given " + given + " times"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem("Malformed run bundle", violations);
        }
        FormValue model = single(parts, "model");
        if (unchosen(model)) {
            model = null;
        }
        if (model != null && (!model.isFileItem() || model.getFileItem().isInMemory())) {
            throw new InvalidInputProblem(
                    "Malformed run bundle",
                    List.of(
                            new Violation(
                                    "model", "must be a file part (curl -F model=@model.pt)")));
        }
        SubmissionService.Submitted result =
                submissions.submit(
                        caller,
                        text(single(parts, "manifest")),
                        model == null ? null : model.getFileItem().getFile(),
                        model == null ? 0 : size(model),
                        idempotencyKey);
        RunView view = runs.find(String.valueOf(result.run().id));
        RunView withQueue = view.withQueue(queue.position(result.run().id).orElse(null), null);
        return (result.created()
                        ? Response.created(URI.create("/api/runs/" + result.run().id))
                        : Response.ok())
                .entity(withQueue)
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "A run",
            description =
                    "Setting, source, status (queued with position, running with "
                            + "progress, verified, discrepant, rejected, failed), claimed and measured values, latest evaluation.")
    @APIResponse(
            responseCode = "200",
            description = "The run",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RunView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such run",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public RunView run(
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id) {
        RunView view = runs.find(id);
        return view.withQueue(
                queue.position(view.id()).orElse(null),
                RunView.Progress.of(view.status(), queue.state(view.id()).orElse(null)));
    }

    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The evaluation log of a run, newest attempt first")
    public String log(
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id) {
        Run run = runs.visible(id);
        StringBuilder out = new StringBuilder();
        for (Evaluation e : runs.evaluations(run.id)) {
            out.append("== attempt ")
                    .append(e.attempt)
                    .append(e.device == null ? "" : " on " + e.device)
                    .append(e.workerId == null ? "" : " by " + e.workerId)
                    .append(": ")
                    .append(e.verdict)
                    .append(e.reason == null ? "" : " (" + e.reason + ")")
                    .append('\n');
            out.append(e.logExcerpt == null ? "" : e.logExcerpt).append('\n');
        }
        queue.state(run.id)
                .filter(j -> j.lastError() != null)
                .ifPresent(j -> out.append("== queue: ").append(j.lastError()).append('\n'));
        if (out.length() > 0) {
            return out.toString();
        }
        return run.source == RunSource.LITERATURE
                ? "Not evaluated by MTLBoard: a published result, copied from the publication it"
                        + " cites (no model was submitted)\n"
                : "No evaluation yet (status " + run.status.name().toLowerCase() + ")\n";
    }

    @GET
    @Path("{id}/training-log")
    @Operation(
            summary =
                    "The per-epoch training log submitted with the run (empty when none was given)",
            description = "Format: the trainingLog property of /api/schemas/run-manifest.")
    public Response trainingLog(
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id)
            throws IOException {
        Run run = runs.visible(id);
        JsonNode log = run.manifest == null ? null : json.readTree(run.manifest).get("trainingLog");
        return Response.ok(log == null ? "[]" : log.toString(), MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(
            summary =
                    "Withdraw a run (its submitter or an admin); it leaves the leaderboard, its history stays")
    public RunView withdraw(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id) {
        Caller caller = tokens.authenticate(authorization);
        submissions.withdraw(caller, id);
        return runs.find(id);
    }

    @POST
    @Path("{id}/retry")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(
            summary =
                    "Evaluate a run again whose evaluation failed for reasons outside the model (admin only)",
            description =
                    "For runs with status failed (e.g. after more infrastructure failures than "
                            + "mtlboard.worker.max-infra-retries). 202 with the queued run; 409 for any other status.")
    public Response retry(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id) {
        tokens.requireAdmin(authorization);
        submissions.retry(id);
        return Response.accepted(runs.find(id)).build();
    }

    /** Admin marks of a run. */
    public record Moderation(Boolean hidden, Boolean flagged) {}

    @POST
    @Path("{id}/moderation")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hide or flag a run (admin only)")
    public Response moderate(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description = "run id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id,
            Moderation moderation) {
        tokens.requireAdmin(authorization);
        if (moderation == null || (moderation.hidden() == null && moderation.flagged() == null)) {
            throw new InvalidInputProblem(
                    "Nothing to change",
                    List.of(
                            new Violation(
                                    "hidden", "give 'hidden' and/or 'flagged' as true or false")));
        }
        Run run =
                runs.moderate(PathIds.parse(id, "run"), moderation.hidden(), moderation.flagged());
        return Response.ok(Map.of("id", run.id, "hidden", run.hidden, "flagged", run.flagged))
                .build();
    }

    /**
     * The field name a part gives itself in its own {@code Content-Disposition: form-data;
     * name="..."}, or null when it has none. The multipart parser files a part without one under
     * null, or under the name of the part before it.
     */
    private static String ownName(FormValue part) {
        String disposition =
                part.getHeaders() == null
                        ? null
                        : part.getHeaders().getFirst("Content-Disposition");
        if (disposition == null || !disposition.startsWith("form-data")) {
            return null;
        }
        String name = HeaderUtil.extractQuotedValueFromHeader(disposition, "name");
        return name == null || name.isBlank() ? null : name;
    }

    private static FormValue single(Map<String, Collection<FormValue>> parts, String name) {
        Collection<FormValue> values = parts.get(name);
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    /**
     * An empty {@code model} part as forms send it when no file was chosen: an empty text field
     * (Swagger UI) or a file part without name or bytes (an HTML form). It means no model.
     */
    private static boolean unchosen(FormValue part) {
        if (part == null) {
            return false;
        }
        if (!part.isFileItem()) {
            return part.getValue().isEmpty();
        }
        String name = part.getFileName();
        return (name == null || name.isEmpty()) && size(part) == 0;
    }

    private static long size(FormValue part) {
        try {
            return part.getFileItem().getFileSize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidInputProblem notUtf8(String why) {
        return new InvalidInputProblem(
                "Malformed run bundle",
                List.of(new Violation("manifest", "must be UTF-8 encoded JSON; " + why)));
    }

    private static String text(FormValue part) {
        if (part == null) {
            return null;
        }
        String charset = part.getCharset();
        if (charset != null && !charset.isBlank() && !charset.trim().equalsIgnoreCase("UTF-8")) {
            throw notUtf8("the part declares charset " + charset.trim());
        }
        if (!part.isFileItem()) {
            // the server decodes a text field as UTF-8, replacing every byte sequence that is not
            // UTF-8
            if (part.getValue().indexOf('\uFFFD') >= 0) {
                throw notUtf8("it contains bytes that are not UTF-8");
            }
            return part.getValue();
        }
        try (InputStream in = part.getFileItem().getInputStream()) {
            // a part without a filename but with a binary content type is kept in memory
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notUtf8("it contains bytes that are not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
