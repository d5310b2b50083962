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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Versioned URLs for the front-end files under {@code /static/}: templates write
 * {@code {asset:url('js/charts.js')}}, which gives {@code /static/js/charts.js?v=<content hash>}.
 * Such a URL names one content for ever, so it is served with a year-long {@code immutable}
 * {@code Cache-Control}; a changed file gets a new URL. Unversioned {@code /static/...} URLs, which
 * is how a page's ES modules ask for the modules they import ({@code import './http.js'} drops the
 * {@code ?v=}), are {@code no-cache} with the content hash as entity tag: a browser revalidates them
 * on every use, so a module never runs beside a stale copy of its imports.
 */
@ApplicationScoped
@TemplateExtension(namespace = "asset")
public class StaticAssets {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String PREFIX = "/static/";
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{1,64}");
    private static final Map<String, String> URLS = new ConcurrentHashMap<>();
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

    /** The versioned URL of a file under {@code frontend/}, such as {@code css/mtlboard.css}. */
    public static String url(String path) {
        return URLS.computeIfAbsent(path, p -> PREFIX + p + "?v=" + hash(p));
    }

    private static String hash(String path) {
        return HASHES.computeIfAbsent(path, StaticAssets::digest);
    }

    /** The weak entity tag of a file (weak: the server may send it compressed), or null if there is none. */
    static String etag(String path) {
        if (path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        try {
            return "W/\"" + hash(path) + "\"";
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether an {@code If-None-Match} header names the entity tag (weak comparison). */
    static boolean matches(String ifNoneMatch, String etag) {
        String opaque = etag.substring(2);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(String path) {
        try (InputStream in =
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream("META-INF/resources/static/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No static file " + path);
            }
            return Sha256.of(in).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives a versioned URL's answer a long-lived cache header, an unversioned one {@code no-cache} and
     * the file's entity tag, and answers {@code 304} to a request whose {@code If-None-Match} still matches.
     */
    void install(@Observes Router router) {
        router.route(PREFIX + "*")
                .order(Integer.MIN_VALUE + 10)
                .handler(
                        ctx -> {
                            String version = ctx.request().getParam("v");
                            if (version != null && VERSION.matcher(version).matches()) {
                                ctx.addHeadersEndHandler(
                                        v -> {
                                            int status = ctx.response().getStatusCode();
                                            if (status == 200 || status == 304) {
                                                ctx.response()
                                                        .headers()
                                                        .set(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
                                            }
                                        });
                                ctx.next();
                                return;
                            }
                            String path = ctx.normalizedPath();
                            String etag =
                                    path.startsWith(PREFIX)
                                            ? etag(path.substring(PREFIX.length()))
                                            : null;
                            if (etag == null) {
                                ctx.next();
                                return;
                            }
                            String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
                            if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
                                ctx.response()
                                        .setStatusCode(304)
                                        .putHeader(HttpHeaders.ETAG, etag)
                                        .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
                                        .end();
                                return;
                            }
                            if (ifNoneMatch != null) {
                                // the entity tag decides (RFC 9110 13.1.3): the file server must
                                // not answer 304 by date
                                ctx.request().headers().remove(HttpHeaders.IF_MODIFIED_SINCE);
                            }
                            ctx.addHeadersEndHandler(
                                    v -> {
                                        int status = ctx.response().getStatusCode();
                                        if (status == 200 || status == 304) {
                                            ctx.response()
                                                    .headers()
                                                    .set(HttpHeaders.CACHE_CONTROL, REVALIDATE)
                                                    .set(HttpHeaders.ETAG, etag);
                                        }
                                    });
                            ctx.next();
                        });
    }
}
