package io.mtlboard.support;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response the router sends — pages, static files, the API, problem
 * answers, metrics. The pages load scripts and styles only from the portal itself (Chart.js from
 * {@code /webjars}) and have no inline script, so the Content-Security-Policy forbids everything
 * else; Swagger UI ({@code /q/swagger-ui}) starts itself with an inline script and gets the same
 * policy with inline scripts and styles allowed.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The policy of every page and answer. */
    public static final String POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
                    + "form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI's policy: the same, plus its inline start-up script and styles. */
    static final String SWAGGER_POLICY =
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                    + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                    + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route()
                .order(Integer.MIN_VALUE)
                .handler(
                        ctx -> {
                            String path = ctx.normalizedPath();
                            ctx.addHeadersEndHandler(
                                    v -> {
                                        MultiMap h = ctx.response().headers();
                                        h.set(
                                                "Content-Security-Policy",
                                                path.startsWith("/q/swagger-ui")
                                                        ? SWAGGER_POLICY
                                                        : POLICY);
                                        h.set("X-Content-Type-Options", "nosniff");
                                        h.set("X-Frame-Options", "DENY");
                                        h.set("Referrer-Policy", "strict-origin-when-cross-origin");
                                        h.set(
                                                "Permissions-Policy",
                                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
                                        h.set("Cross-Origin-Opener-Policy", "same-origin");
                                    });
                            ctx.next();
                        });
    }
}
