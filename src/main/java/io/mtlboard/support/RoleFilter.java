package io.mtlboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * In the {@code worker} role a process serves only {@code /q/health} and {@code /q/metrics}; every
 * other request gets a problem+json 404 that says why.
 */
@ApplicationScoped
public class RoleFilter {

    private final MtlboardConfig config;
    private final String body;

    public RoleFilter(MtlboardConfig config, ObjectMapper json) throws JsonProcessingException {
        this.config = config;
        this.body =
                json.writeValueAsString(
                        new Problem(
                                "https://mtlboard.io/problems/not-found",
                                "Not found",
                                404,
                                "This MTLBoard process runs in the worker role: it serves only /q/health and /q/metrics",
                                null,
                                List.of()));
    }

    void install(@Observes Router router) {
        if (config.role().servesPortal()) {
            return;
        }
        router.route()
                .order(Integer.MIN_VALUE + 1)
                .handler(
                        ctx -> {
                            String path = ctx.normalizedPath();
                            if (path.startsWith("/q/health") || path.startsWith("/q/metrics")) {
                                ctx.next();
                                return;
                            }
                            ctx.response()
                                    .setStatusCode(404)
                                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                    .end(body);
                        });
    }
}
