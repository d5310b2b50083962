package io.mtlboard.support;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A cache of rendered answers bounded both by its number of entries and by the bytes they hold:
 * whatever query strings clients send (every distinct sort, page or filter is an entry of its own),
 * it never holds more than {@code maxEntries} answers or about {@code maxBytes} of them. When a new
 * entry would cross either bound the cache is emptied first (answers are re-rendered on demand, so
 * losing them costs only time); an answer larger than {@code maxBytes} on its own is not kept. The
 * byte count is exact for a single writer and may drift by the entries written concurrently with
 * an emptying, which the next emptying resets.
 */
public final class BoundedCache<V> {

    private final int maxEntries;
    private final long maxBytes;
    private final ToLongFunction<V> sizeOf;
    private final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** @param sizeOf the bytes an entry holds */
    public BoundedCache(int maxEntries, long maxBytes, ToLongFunction<V> sizeOf) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    /** The entry of {@code key}, or null. */
    public V get(String key) {
        return map.get(key);
    }

    /** Keeps {@code value} under {@code key}, replacing what was there (unless it is too large). */
    public void put(String key, V value) {
        long size = sizeOf.applyAsLong(value);
        if (size > maxBytes) {
            V old = map.remove(key);
            if (old != null) {
                bytes.addAndGet(-sizeOf.applyAsLong(old));
            }
            return;
        }
        V current = map.get(key);
        long growth = size - (current == null ? 0 : sizeOf.applyAsLong(current));
        if ((current == null && map.size() >= maxEntries) || bytes.get() + growth > maxBytes) {
            clear();
        }
        V old = map.put(key, value);
        bytes.addAndGet(size - (old == null ? 0 : sizeOf.applyAsLong(old)));
    }

    /** Removes the entry of {@code key} if it is still {@code value}. */
    public void remove(String key, V value) {
        if (map.remove(key, value)) {
            bytes.addAndGet(-sizeOf.applyAsLong(value));
        }
    }

    /** Empties the cache. */
    public void clear() {
        map.clear();
        bytes.set(0);
    }

    /** The number of entries. */
    public int size() {
        return map.size();
    }

    /** The bytes the entries hold. */
    public long bytes() {
        return bytes.get();
    }
}
