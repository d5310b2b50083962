package io.mtlboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds
 * {@code mtlboard.submission.max-request-bytes} before its body is read, with a problem+json 413;
 * a chunked body without a declared length is counted as it arrives and refused the same way once
 * it passes the limit. The server's own {@code quarkus.http.limits.max-body-size} stays as a higher
 * hard ceiling (it answers with a bare 413); below it, the submission service refuses an oversized
 * model or manifest with a problem+json 413 after the upload. Request URIs over 4,096 characters
 * (414) and more than 16 KiB of headers (431) are refused here too, with a problem, below the
 * server's codec limits.
 */
@ApplicationScoped
public class RequestSizeGuard {

    private static final long WATCH_MILLIS = 50;

    /** How long, and for how many bytes, a refused upload is still read before its connection closes. */
    static final long LINGER_MILLIS = 10_000;

    static final long LINGER_BYTES = 256L << 20;

    /** Largest request URI accepted (the server's own line limit is set higher, see application.properties). */
    static final int MAX_URI_CHARS = 4096;

    /** Largest sum of header bytes accepted (the server's own limit is set higher). */
    static final long MAX_HEADER_BYTES = 16384;

    private final long limit;

    private final CurrentVertxRequest current;
    private final MtlboardConfig config;
    private final ObjectMapper json;

    public RequestSizeGuard(MtlboardConfig config, ObjectMapper json, CurrentVertxRequest current)
            throws JsonProcessingException {
        this.config = config;
        this.current = current;
        this.json = json;
        this.limit = config.submission().maxRequestBytes();
    }

    void install(@Observes Router router) {
        // after SecurityHeaders, so that its answers carry the security headers too
        router.route()
                .order(Integer.MIN_VALUE + 1)
                .handler(
                        ctx -> {
                            String headerProblem = headerProblem(ctx);
                            if (headerProblem != null) {
                                ctx.response()
                                        .setStatusCode(
                                                headerProblem.startsWith("The request URI")
                                                        ? 414
                                                        : 431)
                                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                        .putHeader(HttpHeaders.CONNECTION, "close")
                                        .end(
                                                headerBody(
                                                        ctx.response().getStatusCode(),
                                                        headerProblem,
                                                        ctx.normalizedPath()));
                                return;
                            }
                            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                            if (length != null && tooLong(length)) {
                                refuse(ctx);
                                return;
                            }
                            if (length == null
                                    && ctx.request()
                                            .headers()
                                            .contains(HttpHeaders.TRANSFER_ENCODING)) {
                                watch(ctx);
                            }
                            ctx.next();
                        });
    }

    /**
     * A body without a declared length (chunked) is measured while it arrives: past the limit the
     * request is answered with the problem and the connection closed, long before the server's own
     * ceiling would answer with a bare 413.
     */
    private void watch(RoutingContext ctx) {
        long timer =
                ctx.vertx()
                        .setPeriodic(
                                WATCH_MILLIS,
                                id -> {
                                    if (ctx.response().ended() || ctx.response().closed()) {
                                        ctx.vertx().cancelTimer(id);
                                    } else if (ctx.request().bytesRead() > limit) {
                                        ctx.vertx().cancelTimer(id);
                                        refuse(ctx);
                                    }
                                });
        ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
    }

    private void refuse(RoutingContext ctx) {
        answerBeforeTheBody(ctx, 413, tooLargeBody(ctx.normalizedPath()));
    }

    /** The 413 problem, with the request's path as its instance like every other problem. */
    private String tooLargeBody(String path) {
        try {
            return json.writeValueAsString(
                    new Problem(
                            "https://mtlboard.io/problems/payload-too-large",
                            "Payload too large",
                            413,
                            ProblemMapper.tooLarge(config),
                            path,
                            List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Answers a request with a problem before (or instead of) reading its body, and closes the
     * connection once the client has stopped sending (see {@link #linger}); what it still sends is
     * read and dropped, never parsed or stored.
     */
    public static void answerBeforeTheBody(RoutingContext ctx, int status, String problem) {
        if (ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem)
                .onComplete(done -> linger(ctx));
    }

    /**
     * Closes the connection of a refused request once the client has stopped sending: closing
     * while its body still arrives makes the server's TCP stack answer with a reset, which can
     * destroy the 413 before the client reads it. The rest of the body is read and dropped, for at
     * most {@value #LINGER_MILLIS} ms and {@value #LINGER_BYTES} bytes, then the connection closes.
     *
     * <p>Only the data handler is replaced. A chunked body is refused while the REST layer may
     * already be reading it ({@link #watch}, after {@code ctx.next()}): its reader waits for data,
     * the end of the body or an exception, so the end handler and the exception handler stay its
     * own — it learns that the body ended (or, when the connection closes first, that it broke) and
     * frees its worker thread instead of waiting out the read timeout. A timer watches for the end.
     */
    private static void linger(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long[] drained = {0};
        long until = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        ctx.vertx()
                .setPeriodic(
                        WATCH_MILLIS,
                        id -> {
                            if (request.isEnded()
                                    || drained[0] > LINGER_BYTES
                                    || System.nanoTime() - until > 0) {
                                ctx.vertx().cancelTimer(id);
                                request.connection().close();
                            }
                        });
        request.handler(chunk -> drained[0] += chunk.length());
        request.resume();
    }

    /**
     * Refuses the current request (a 413 problem) when its body, read in full, is over the limit:
     * a chunked body can arrive completely before the watch looks at it, and must then not be
     * accepted although the client may already have its 413.
     */
    public void requireWithinLimit() {
        RoutingContext ctx = current.getCurrent();
        if (ctx != null && ctx.request().bytesRead() > limit) {
            throw new ProblemException(
                    ProblemException.Kind.PAYLOAD_TOO_LARGE, ProblemMapper.tooLarge(config));
        }
    }

    /**
     * Too long a request line or too many header bytes: refused here with a problem, below the
     * server's own codec limits ({@code quarkus.http.limits.max-initial-line-length} and
     * {@code max-header-size}, set higher), which answer with a bare status.
     */
    private static String headerProblem(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_URI_CHARS) {
            return "The request URI has "
                    + ctx.request().uri().length()
                    + " characters; at most "
                    + MAX_URI_CHARS
                    + " are accepted";
        }
        long bytes = 0;
        for (Map.Entry<String, String> h : ctx.request().headers()) {
            bytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return bytes > MAX_HEADER_BYTES
                ? "The request headers have "
                        + bytes
                        + " bytes; at most "
                        + MAX_HEADER_BYTES
                        + " are accepted"
                : null;
    }

    private String headerBody(int status, String detail, String path) {
        try {
            return json.writeValueAsString(
                    new Problem(
                            "https://mtlboard.io/problems/"
                                    + (status == 414
                                            ? "uri-too-long"
                                            : "request-header-fields-too-large"),
                            status == 414 ? "URI too long" : "Request header fields too large",
                            status,
                            detail,
                            path,
                            List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
