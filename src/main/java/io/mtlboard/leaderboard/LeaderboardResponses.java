package io.mtlboard.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.support.BoundedCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Serialized leaderboard responses, cached by request until the data version changes, so that
 * reads cost a map lookup. Bounded: the cache is emptied when it would hold too many entries or too
 * many bytes ({@link BoundedCache}).
 */
@ApplicationScoped
public class LeaderboardResponses {

    private static final int MAX_ENTRIES = 4096;

    /**
     * Bytes of answers kept at most: every distinct query is an entry, and one answer of every row
     * at 1,000,000 runs is ≈ 19 MB.
     */
    static final long MAX_BYTES = 64L << 20;

    private final ObjectMapper json;
    private final LeaderboardVersion version;
    private final BoundedCache<Entry> cache =
            new BoundedCache<>(MAX_ENTRIES, MAX_BYTES, e -> e.body().length);

    /** Striped locks: bounded, whatever the keys clients send. */
    private final Object[] locks = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    public LeaderboardResponses(ObjectMapper json, LeaderboardVersion version) {
        this.json = json;
        this.version = version;
    }

    /** A serialized body and its entity tag. */
    public record Entry(long version, byte[] body, String etag) {}

    /** The JSON or CSV body for a request on a benchmark's leaderboard, computing it with {@code view} on a miss. */
    public Entry get(
            String benchmarkId, String requestKey, boolean csv, Supplier<LeaderboardView> view) {
        long v = version.current(benchmarkId);
        String key = (csv ? "csv:" : "json:") + benchmarkId + "?" + requestKey;
        Entry e = cache.get(key);
        if (e != null && e.version() == v) {
            return e;
        }
        // one serialization per request and version: concurrent misses wait for the first
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            Entry again = cache.get(key);
            return again != null && again.version() == v ? again : compute(key, v, csv, view);
        }
    }

    private Entry compute(String key, long v, boolean csv, Supplier<LeaderboardView> view) {
        LeaderboardView computed = view.get();
        byte[] body =
                csv
                        ? LeaderboardCsv.write(computed).getBytes(StandardCharsets.UTF_8)
                        : bytes(computed);
        Entry fresh =
                new Entry(
                        v,
                        body,
                        "\"" + v + "-" + Integer.toHexString(Arrays.hashCode(body)) + "\"");
        cache.put(key, fresh);
        return fresh;
    }

    private byte[] bytes(LeaderboardView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
