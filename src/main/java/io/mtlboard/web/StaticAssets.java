package io.mtlboard.web;

import io.mtlboard.support.Sha256;
import io.quarkus.qute.TemplateExtension;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Versioned URLs for the front-end files under {@code /static/}: templates write
 * {@code {asset:url('js/charts.js')}}, which gives {@code /static/js/charts.js?v=<content hash>}.
 * Such a URL names one content for ever, so it is served with a year-long {@code immutable}
 * {@code Cache-Control}; a changed file gets a new URL. Unversioned {@code /static/...} URLs keep
 * the server's default caching.
 */
@ApplicationScoped
@TemplateExtension(namespace = "asset")
public class StaticAssets {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{1,64}");
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    /** The versioned URL of a file under {@code frontend/}, such as {@code css/mtlboard.css}. */
    public static String url(String path) {
        return URLS.computeIfAbsent(path, p -> "/static/" + p + "?v=" + hash(p));
    }

    private static String hash(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/resources/static/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No static file " + path);
            }
            return Sha256.of(in).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives a versioned URL's answer a long-lived cache header. */
    void install(@Observes Router router) {
        router.route("/static/*").order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String version = ctx.request().getParam("v");
            if (version != null && VERSION.matcher(version).matches()) {
                ctx.addHeadersEndHandler(v -> {
                    int status = ctx.response().getStatusCode();
                    if (status == 200 || status == 304) {
                        ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
                    }
                });
            }
            ctx.next();
        });
    }
}
