package io.mtlboard.support;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Repeated reads of a cached page or leaderboard answered on the event loop, before the request
 * reaches the REST layer: no hand-over to a worker thread, no resource method, no response
 * building. The REST layer stays the only place that renders; after it has answered a request
 * from its cache (the page cache, the leaderboard JSON), it {@linkplain #remember remembers} the
 * answer under the request's exact target and {@code Accept} header, with the data version it
 * belongs to and how to read that version's current value. The next request with the same target and {@code Accept} is answered here only
 * while that version is still current — the same check the REST layer makes, so a submitter's
 * next read after an acknowledged write never gets the old answer — and otherwise passes on to
 * the REST layer, which renders anew. Conditional requests get {@code 304} by the entity tag, as
 * there. The security headers and compression apply as to every response (they act on the
 * router's responses, not on the REST layer's).
 */
@ApplicationScoped
public class EventLoopAnswers {

    /** After the security and size filters, before the static files and the REST layer. */
    static final int ORDER = Integer.MIN_VALUE + 5;

    private static final int MAX_ENTRIES = 4096;

    /**
     * Bytes of answers remembered at most; the bodies are those the REST layer's caches hold, so
     * this bounds what is kept here after those caches let an answer go.
     */
    static final long MAX_BYTES = 64L << 20;

    private final CurrentVertxRequest current;
    private final BoundedCache<Answer> answers =
            new BoundedCache<>(MAX_ENTRIES, MAX_BYTES, a -> a.body().length);
    private final AtomicLong served = new AtomicLong();

    public EventLoopAnswers(CurrentVertxRequest current) {
        this.current = current;
    }

    /**
     * A cached answer, valid while {@code currentVersion} still reads {@code version}: a
     * benchmark's data version for an answer that shows one benchmark, the overall one for an
     * answer that shows several.
     */
    record Answer(
            LongSupplier currentVersion,
            long version,
            byte[] body,
            String etag,
            String contentType,
            String cacheControl) {}

    /**
     * Remembers the answer the REST layer is about to give to the current request (a {@code 200}
     * with exactly these headers besides the security ones): call it only from a {@code GET}
     * resource whose answer depends on nothing but the request target, the {@code Accept} header
     * and the data version.
     */
    public void remember(
            LongSupplier currentVersion,
            long dataVersion,
            byte[] body,
            String etag,
            String contentType,
            String cacheControl) {
        RoutingContext ctx = current.getCurrent();
        if (ctx == null || ctx.request().method() != HttpMethod.GET) {
            return;
        }
        answers.put(
                key(ctx.request()),
                new Answer(currentVersion, dataVersion, body, etag, contentType, cacheControl));
    }

    /** How many requests were answered here (for tests). */
    public long served() {
        return served.get();
    }

    /** Forgets every remembered answer (for tests). */
    public void forget() {
        answers.clear();
    }

    private static String key(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null ? request.uri() : request.uri() + '\n' + accept;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Answer a = request.method() == HttpMethod.GET ? answers.get(key(request)) : null;
        if (a == null) {
            ctx.next();
            return;
        }
        if (a.version() != a.currentVersion().getAsLong()) {
            // stale: let its body go; the REST layer renders anew and remembers the new answer
            answers.remove(key(request), a);
            ctx.next();
            return;
        }
        served.incrementAndGet();
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, a.etag())) {
            ctx.response()
                    .setStatusCode(304)
                    .putHeader(HttpHeaders.ETAG, a.etag())
                    .putHeader(HttpHeaders.CACHE_CONTROL, a.cacheControl())
                    .end();
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, a.contentType())
                .putHeader(HttpHeaders.ETAG, a.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, a.cacheControl())
                .end(Buffer.buffer(a.body()));
    }

    /** {@code If-None-Match} against an entity tag: weak comparison, {@code *} matches any. */
    static boolean matches(String ifNoneMatch, String etag) {
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
