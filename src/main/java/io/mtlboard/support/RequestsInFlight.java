package io.mtlboard.support;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each request of this process that carries a body started, until its answer ends or its
 * connection closes. Every file such a request makes in the data directory (its multipart upload,
 * the artifact being copied from it) is created after the request started, so a file last written
 * before the oldest such request started belongs to none of them: what the leftover sweep may
 * remove without touching an upload still in progress here.
 */
@ApplicationScoped
public class RequestsInFlight {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Instant> started = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        router.route()
                .order(Integer.MIN_VALUE + 2)
                .handler(
                        ctx -> {
                            if (hasBody(ctx.request())) {
                                long id = ids.incrementAndGet();
                                started.put(id, Instant.now());
                                // called when the answer ends, fails or the connection closes
                                ctx.addEndHandler(done -> started.remove(id));
                            }
                            ctx.next();
                        });
    }

    /** When the oldest request with a body still in flight started; empty when there is none. */
    public Optional<Instant> oldestStart() {
        return started.values().stream().min(Instant::compareTo);
    }

    /** How many requests with a body are in flight. */
    public int count() {
        return started.size();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.trim().equals("0"))
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }
}
