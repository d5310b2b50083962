package io.mtlboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses: {@code application/problem+json} under
 * {@code /api}, a plain HTML error page elsewhere. Never echoes class names or stack traces.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "https://mtlboard.io/problems/";

    /** A database restart or fail-over takes seconds; clients are asked to come back after this. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final Template error;
    private final MtlboardConfig config;
    private final CurrentVertxRequest current;
    private final AllowedMethods allowedMethods;

    @Inject
    public ProblemMapper(
            Template error,
            MtlboardConfig config,
            CurrentVertxRequest current,
            AllowedMethods allowedMethods) {
        this.error = error;
        this.config = config;
        this.current = current;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e, UriInfo uri) {
        return respond(uri, e.status(), e.slug(), e.title(), e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response mapConstraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations =
                e.getConstraintViolations().stream()
                        .map(
                                v ->
                                        new Violation(
                                                lastNode(v.getPropertyPath().toString()),
                                                v.getMessage()))
                        .sorted((a, b) -> a.field().compareTo(b.field()))
                        .toList();
        return respond(
                uri,
                400,
                "invalid-request",
                "Invalid request",
                violations.size() + " problem(s) in the request",
                violations);
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        // the JSON reader wraps syntax errors (truncated or malformed bodies) in a bare 400
        if (e.getCause() instanceof MismatchedInputException m) {
            return mapMismatchedJson(m, uri);
        } else if (e.getCause() instanceof JsonProcessingException j) {
            return mapUnreadableJson(j, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail =
                switch (status) {
                    case 404 ->
                            "No resource at "
                                    + uri.getPath()
                                    + "; the API is described at /q/openapi";
                    case 405 -> "Method not allowed on " + uri.getPath();
                    case 406 ->
                            "None of the accepted media types can be produced for " + uri.getPath();
                    case 413 -> tooLarge(config);
                    case 415 -> "Unsupported content type for " + uri.getPath();
                    case 400 -> "The request is malformed";
                    default -> status >= 500 ? "The server could not complete the request" : title;
                };
        if (status == 413) {
            // the same type as the submission service's own 413s
            return respond(
                    uri, status, "payload-too-large", "Payload too large", detail, List.of());
        }
        Response answer = respond(uri, status, slug(title), title, detail, List.of());
        Set<String> allowed =
                status != 405
                        ? Set.of()
                        : e.getResponse().getAllowedMethods().isEmpty()
                                ? allowedMethods.at(uri.getPath())
                                : e.getResponse().getAllowedMethods();
        if (status == 405 && answer != null && !allowed.isEmpty()) {
            // a 405 names the methods the resource has (RFC 9110 §15.5.6)
            return Response.fromResponse(answer)
                    .header(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(allowed)))
                    .build();
        }
        return answer;
    }

    @ServerExceptionMapper
    public Response mapUnreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field =
                    m.getPath().stream()
                            .map(
                                    r ->
                                            r.getFieldName() != null
                                                    ? r.getFieldName()
                                                    : String.valueOf(r.getIndex()))
                            .reduce((a, b) -> a + "." + b)
                            .orElse("");
            boolean range =
                    m.getCause() instanceof InputCoercionException
                            || String.valueOf(m.getOriginalMessage()).contains("out of range");
            return respond(
                    uri,
                    400,
                    "invalid-request",
                    "Invalid request",
                    "The request body has an invalid value " + "for field '" + field + "'",
                    List.of(new Violation(field, range ? "number out of range" : "invalid value")));
        }
        if (e instanceof InputCoercionException c) {
            String field = fieldOf(c);
            return respond(
                    uri,
                    400,
                    "invalid-request",
                    "Invalid request",
                    "The request body has a number out of "
                            + "range"
                            + (field == null ? "" : " for field '" + field + "'"),
                    List.of(
                            new Violation(
                                    field == null ? "body" : field,
                                    "number out of range for " + c.getTargetType())));
        }
        String where =
                e.getLocation() == null
                        ? ""
                        : " at line "
                                + e.getLocation().getLineNr()
                                + ", column "
                                + e.getLocation().getColumnNr();
        return respond(
                uri,
                400,
                "invalid-request",
                "Invalid request",
                "The request body is not valid JSON" + where,
                List.of());
    }

    /**
     * A JSON body whose values do not fit the request's fields ({@code "runsPerDay": "abc"}): a 400
     * naming each field, not Jackson's bare 400.
     */
    @ServerExceptionMapper
    public Response mapMismatchedJson(MismatchedInputException e, UriInfo uri) {
        String field =
                e.getPath().stream()
                        .map(
                                r ->
                                        r.getFieldName() != null
                                                ? r.getFieldName()
                                                : String.valueOf(r.getIndex()))
                        .reduce((a, b) -> a + "." + b)
                        .orElse("");
        if (field.isEmpty()) {
            return respond(
                    uri,
                    400,
                    "invalid-request",
                    "Invalid request",
                    "The request body does not have the "
                            + "expected form: a JSON object is expected",
                    List.of(new Violation("body", "expected a JSON object")));
        }
        String expected =
                e.getTargetType() == null ? "another type" : expectedType(e.getTargetType());
        return respond(
                uri,
                400,
                "invalid-request",
                "Invalid request",
                "The request body has a wrongly typed field '" + field + "'",
                List.of(new Violation(field, "must be " + expected)));
    }

    /**
     * Reading the request failed: for a multipart body, it ended early (truncated or empty) or its
     * parts never matched the boundary its Content-Type declared. The client's fault, never a 500.
     */
    @ServerExceptionMapper
    public Response mapUnreadableBody(IOException e, UriInfo uri) {
        if (closedConnection(e)) {
            // the client went away mid-body, or RequestSizeGuard answered and closed the connection
            LOG.debugf("Connection closed while reading the request on %s", uri.getPath());
            return respond(
                    uri,
                    400,
                    "invalid-request",
                    "Invalid request",
                    "The connection closed before the request " + "body was complete",
                    List.of());
        }
        RoutingContext ctx = current.getCurrent();
        if (ctx != null && ctx.request().bytesRead() > config.submission().maxRequestBytes()) {
            // a body over the limit is refused for its size, whatever else is wrong with it
            return respond(
                    uri,
                    413,
                    "payload-too-large",
                    "Payload too large",
                    tooLarge(config),
                    List.of());
        }
        if (e.getMessage() != null && e.getMessage().contains("multipart")) {
            LOG.debugf("Malformed multipart request on %s: %s", uri.getPath(), e.getMessage());
            return respond(
                    uri,
                    400,
                    "invalid-request",
                    "Invalid request",
                    "The multipart body is malformed: it "
                            + "ends before its closing boundary, is empty, or its parts do not use the boundary declared in "
                            + "the Content-Type header",
                    List.of());
        }
        return mapUnexpected(e, uri);
    }

    /** The package of RESTEasy Reactive's form and multipart parser. */
    private static final String FORM_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";

    /** The handler that reads a form or multipart body before the resource method runs. */
    private static final String FORM_READER =
            "org.jboss.resteasy.reactive.server.handlers.FormBodyHandler";

    /**
     * What is wrong with a form or multipart body that failed while the server parsed it (before
     * any resource method ran: an empty boundary, an unknown charset, invalid base64 or percent
     * escapes in a part, a part header without a colon, too many parts), or null when {@code e}
     * did not come from parsing the body. The parser throws whatever its helpers throw, so the
     * failure is recognized by where it happened.
     */
    static String unreadableForm(Throwable e) {
        boolean parsing = false;
        for (Throwable t = e; t != null && !parsing; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith(FORM_PARSER)
                        || frame.getClassName().equals(FORM_READER)) {
                    parsing = true;
                    break;
                }
            }
        }
        if (!parsing) {
            return null;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.startsWith("Param limit of ")) {
                return "it has more than "
                        + m.replaceAll("\\D+", " ").trim().split(" ")[0]
                        + " parts (at most 1000 parts are read; a submission has two)";
            }
            if (t instanceof java.io.UnsupportedEncodingException) {
                return "it names an unknown charset (" + m + ")";
            }
            if (m.startsWith("URLDecoder")) {
                return "a part's Content-Disposition has an invalid percent escape";
            }
            if (m.contains("base64") || m.contains("Last unit")) {
                return "a part declared as base64 is not valid base64";
            }
            if (t.getClass().getName().endsWith("MalformedMessageException")) {
                return "a part's headers are malformed (every header line needs 'Name: value')";
            }
            if (t instanceof IndexOutOfBoundsException) {
                return "the boundary in the Content-Type header is empty or malformed";
            }
        }
        return "it could not be parsed as multipart/form-data";
    }

    private static String fieldOf(InputCoercionException e) {
        try {
            return e.getProcessor() == null ? null : e.getProcessor().currentName();
        } catch (IOException | RuntimeException ignored) {
            return null;
        }
    }

    private static boolean closedConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException
                    || (t.getMessage() != null
                            && t.getMessage().contains("Connection was closed"))) {
                return true;
            }
        }
        return false;
    }

    /** The detail of every 413: all the size limits, so that a client knows which one it met. */
    static String tooLarge(MtlboardConfig config) {
        MtlboardConfig.Submission s = config.submission();
        return "The request body is larger than allowed: a manifest may have at most "
                + s.maxManifestBytes()
                + " bytes (as a text field or a file part), a model "
                + s.maxModelBytes()
                + " bytes and a whole "
                + "request "
                + s.maxRequestBytes()
                + " bytes";
    }

    private static String expectedType(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        } else if (type == String.class) {
            return "a string";
        }
        return "a JSON " + (Collection.class.isAssignableFrom(type) ? "array" : "object");
    }

    @ServerExceptionMapper
    public Response mapUnexpected(Exception e, UriInfo uri) {
        if (DatabaseOutage.isOutage(e)) {
            // one line, no stack trace: during an outage every request fails the same way
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(
                            respond(
                                    uri,
                                    503,
                                    "database-unavailable",
                                    "Service unavailable",
                                    "The database cannot be reached at the moment. Retry in a few seconds; a submission "
                                            + "retried with the same Idempotency-Key is accepted at most once",
                                    List.of()))
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        String unreadable = unreadableForm(e);
        if (unreadable != null) {
            LOG.debugf("Unreadable form body on %s: %s", uri.getPath(), e);
            boolean tooMany = unreadable.startsWith("it has more than");
            return respond(
                    uri,
                    tooMany ? 413 : 400,
                    tooMany ? "payload-too-large" : "invalid-request",
                    tooMany ? "Payload too large" : "Invalid request",
                    "The multipart body is malformed: " + unreadable,
                    List.of());
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(
                uri,
                500,
                "internal-error",
                "Internal server error",
                "The server could not complete the request; the failure was logged",
                List.of());
    }

    private Response respond(
            UriInfo uri,
            int status,
            String slug,
            String title,
            String detail,
            List<Violation> violations) {
        RoutingContext ctx = current.getCurrent();
        if (ctx != null && (ctx.response().ended() || ctx.response().closed())) {
            // answered already (RequestSizeGuard refused a body over the limit): nothing more to
            // write
            LOG.debugf("%s on %s after the answer was sent: %s", status, uri.getPath(), detail);
            return null;
        }
        String path = "/" + uri.getPath().replaceFirst("^/", "");
        if (path.startsWith("/api/") || path.equals("/api")) {
            Problem body = new Problem(TYPE_BASE + slug, title, status, detail, path, violations);
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
        }
        String html =
                error.data("status", status)
                        .data("title", title)
                        .data("detail", detail)
                        .data("violations", violations)
                        .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .build();
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
