package io.mtlboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds
 * {@code mtlboard.submission.max-request-bytes} before its body is read, with a problem+json 413.
 * The server's own {@code quarkus.http.limits.max-body-size} stays as a higher hard ceiling (it
 * answers with a bare 413), which a chunked upload without a length can still meet; below it, the
 * submission service refuses an oversized model with a problem+json 413 after the upload.
 */
@ApplicationScoped
public class RequestSizeGuard {

    private final long limit;
    private final String body;

    public RequestSizeGuard(MtlboardConfig config, ObjectMapper json) throws JsonProcessingException {
        this.limit = config.submission().maxRequestBytes();
        this.body = json.writeValueAsString(new Problem("https://mtlboard.io/problems/payload-too-large",
                "Payload too large", 413, "The request body is larger than " + this.limit + " bytes", null, List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length)) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        });
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
