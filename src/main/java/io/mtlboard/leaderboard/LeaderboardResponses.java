package io.mtlboard.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Serialized leaderboard responses, cached by request until the data version changes, so that
 * reads cost a map lookup. Bounded: the cache is emptied when it holds too many entries.
 */
@ApplicationScoped
public class LeaderboardResponses {

    private static final int MAX_ENTRIES = 4096;

    private final ObjectMapper json;
    private final LeaderboardVersion version;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public LeaderboardResponses(ObjectMapper json, LeaderboardVersion version) {
        this.json = json;
        this.version = version;
    }

    /** A serialized body and its entity tag. */
    public record Entry(long version, byte[] body, String etag) {
    }

    /** The JSON or CSV body for a request key, computing it with {@code view} on a miss. */
    public Entry get(String requestKey, boolean csv, Supplier<LeaderboardView> view) {
        long v = version.current();
        String key = (csv ? "csv:" : "json:") + requestKey;
        Entry e = cache.get(key);
        if (e != null && e.version() == v) {
            return e;
        }
        LeaderboardView computed = view.get();
        byte[] body = csv ? LeaderboardCsv.write(computed).getBytes(StandardCharsets.UTF_8) : bytes(computed);
        Entry fresh = new Entry(v, body, "\"" + v + "-" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
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
