package io.mtlboard.analysis;

import io.mtlboard.run.LeaderboardVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The answers of the analysis endpoints, kept until the data changes: keyed by path and normalised
 * query, valid while {@link LeaderboardVersion#overall()} is the version they were computed at
 * (any run written anywhere, by this process or another sharing the database, moves it). An
 * analysis reads every listed run of a benchmark with its training log, which at 100,000 runs
 * takes seconds; a repeated question is answered from memory. Least recently used answers beyond
 * {@value #MAX_ENTRIES} are dropped; a request that fails (an invalid parameter) is not kept.
 */
@ApplicationScoped
public class AnalysisCache {

    static final int MAX_ENTRIES = 256;

    private record Entry(long version, Object value) {}

    private final LeaderboardVersion version;

    private final Map<String, Entry> entries =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > MAX_ENTRIES;
                }
            };

    public AnalysisCache(LeaderboardVersion version) {
        this.version = version;
    }

    /** The answer to this request: remembered if the data has not changed since, else computed. */
    public <T> T get(UriInfo uri, Supplier<T> compute) {
        return get(key(uri.getPath(), uri.getQueryParameters()), compute);
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        long now = version.overall(); // read first: a change during the computation is not hidden
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.version() == now) {
                return (T) e.value();
            }
        }
        T value = compute.get();
        synchronized (entries) {
            entries.put(key, new Entry(now, value));
        }
        return value;
    }

    /** Path and parameters in a fixed order, so that the same question has one key. */
    static String key(String path, Map<String, List<String>> query) {
        return path + "?" + new TreeMap<>(query);
    }
}
