package io.mtlboard.web;

import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.support.BoundedCache;
import io.mtlboard.support.EventLoopAnswers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Rendered HTML pages, cached per data version ({@link LeaderboardVersion}) and normalised request
 * (path and query parameters in a canonical order), so that a page read costs a map lookup like the
 * JSON it shows. Every answer carries an entity tag; a request whose {@code If-None-Match} still
 * matches gets {@code 304 Not Modified}. Pages are {@code Cache-Control: no-cache}: a browser or proxy
 * may keep them but revalidates each time, so that a submitter's next read after an acknowledged write
 * sees their row. A render that fails (unknown id, invalid parameter) is not cached. Bounded: the cache
 * is emptied when it would hold too many entries or too many bytes ({@link BoundedCache}).
 */
@ApplicationScoped
public class PageCache {

    /** Pages always revalidate: their data changes with every accepted run. */
    public static final String CACHE_CONTROL = "no-cache";

    static final String HTML_TYPE = "text/html;charset=UTF-8";
    static final MediaType HTML = MediaType.valueOf(HTML_TYPE);
    private static final int MAX_ENTRIES = 1024;

    /** Bytes of rendered pages kept at most (a page of every row at 1,000,000 runs is ≈ 0.6 MB). */
    static final long MAX_BYTES = 32L << 20;

    private final LeaderboardVersion version;
    private final EventLoopAnswers answers;
    private final BoundedCache<Entry> cache =
            new BoundedCache<>(MAX_ENTRIES, MAX_BYTES, e -> e.body().length);

    /** Striped locks: bounded, whatever the keys clients send. */
    private final Object[] locks = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    public PageCache(LeaderboardVersion version, EventLoopAnswers answers) {
        this.version = version;
        this.answers = answers;
    }

    /** A rendered page and its entity tag at one data version. */
    record Entry(long version, byte[] body, String etag) {}

    /** A page that shows one benchmark's data: cached until that benchmark's data changes. */
    public Response benchmarkPage(
            String benchmarkId, UriInfo uri, Request request, Supplier<String> render) {
        return page(
                "b:" + benchmarkId + ":" + normalised(uri),
                () -> version.current(benchmarkId),
                request,
                render);
    }

    /** A page that shows several benchmarks' data (home, method, analysis): cached until any data changes. */
    public Response sitePage(UriInfo uri, Request request, Supplier<String> render) {
        return page("s:" + normalised(uri), version::overall, request, render);
    }

    /** The request's path and its query parameters sorted by name, values in request order. */
    static String normalised(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        query.forEach((k, v) -> sorted.put(k, new ArrayList<>(v)));
        return uri.getPath() + "?" + sorted;
    }

    private Response page(
            String key, LongSupplier currentVersion, Request request, Supplier<String> render) {
        Entry entry = entry(key, currentVersion, render);
        answers.remember(
                currentVersion,
                entry.version(),
                entry.body(),
                entry.etag(),
                HTML_TYPE,
                CACHE_CONTROL);
        EntityTag tag = EntityTag.valueOf(entry.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.header("Cache-Control", CACHE_CONTROL).build();
        }
        return Response.ok(entry.body(), HTML)
                .tag(tag)
                .header("Cache-Control", CACHE_CONTROL)
                .build();
    }

    private Entry entry(String key, LongSupplier currentVersion, Supplier<String> render) {
        long v = currentVersion.getAsLong();
        Entry e = cache.get(key);
        if (e != null && e.version() == v) {
            return e;
        }
        // one rendering per page and version: concurrent misses wait for the first
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            Entry again = cache.get(key);
            if (again != null && again.version() == v) {
                return again;
            }
            byte[] body = render.get().getBytes(StandardCharsets.UTF_8);
            Entry fresh =
                    new Entry(
                            v,
                            body,
                            "\"p" + v + "-" + Integer.toHexString(Arrays.hashCode(body)) + "\"");
            cache.put(key, fresh);
            return fresh;
        }
    }
}
