package io.mtlboard.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.support.Problem;
import io.mtlboard.support.RequestSizeGuard;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks the token of an upload ({@code POST /api/runs}) before its body is read. The resource
 * method's parameters are the parsed multipart form, so without this gate the whole body — up to
 * the request limit, its model part written to a temporary file — would be received and parsed
 * before the resource could say 401. Here a request without an active token is answered with the
 * 401 problem at once, and what it still sends is dropped unread. The resource method
 * authenticates again (it names the caller); this gate only refuses early.
 */
@ApplicationScoped
public class UploadGate {

    private static final Logger LOG = Logger.getLogger(UploadGate.class);

    /** The upload path; the other token-holding endpoints take small JSON bodies. */
    static final String PATH = "/api/runs";

    private final TokenService tokens;
    private final ObjectMapper json;

    public UploadGate(TokenService tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    void install(@Observes Router router) {
        // after SecurityHeaders and RequestSizeGuard (a body over the limit is refused for its
        // size first), before the REST layer reads the body
        router.post(PATH)
                .order(Integer.MIN_VALUE + 2)
                .handler(
                        ctx -> {
                            String authorization =
                                    ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
                            // the body stays unread while the token is looked up: Quarkus keeps
                            // every request paused until the REST layer reads its body
                            ctx.vertx()
                                    .executeBlocking(() -> tokens.refusal(authorization), false)
                                    .onComplete(
                                            checked -> {
                                                if (ctx.response().ended()
                                                        || ctx.response().closed()) {
                                                    return;
                                                }
                                                Optional<String> refusal =
                                                        checked.succeeded()
                                                                ? checked.result()
                                                                : Optional.empty();
                                                if (checked.failed()) {
                                                    // e.g. the database is down: the resource
                                                    // answers as it does for every request then
                                                    LOG.debugf(
                                                            "Token check before the upload failed: %s",
                                                            checked.cause().toString());
                                                }
                                                if (refusal.isPresent()) {
                                                    RequestSizeGuard.answerBeforeTheBody(
                                                            ctx, 401, problem(refusal.get()));
                                                } else {
                                                    ctx.next();
                                                }
                                            });
                        });
    }

    private String problem(String detail) {
        try {
            return json.writeValueAsString(
                    new Problem(
                            "https://mtlboard.io/problems/unauthorized",
                            "Unauthorized",
                            401,
                            detail,
                            PATH,
                            List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
