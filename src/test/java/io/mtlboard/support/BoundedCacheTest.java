package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bounded by entries and by bytes, whatever keys arrive. */
class BoundedCacheTest {

    private static BoundedCache<byte[]> cache(int entries, long bytes) {
        return new BoundedCache<>(entries, bytes, b -> b.length);
    }

    @Test
    void shouldEmptyItselfBeforeCrossingTheByteBound() {
        BoundedCache<byte[]> c = cache(100, 1000);
        c.put("a", new byte[400]);
        c.put("b", new byte[400]);
        assertThat(c.bytes()).isEqualTo(800);
        c.put("c", new byte[300]); // 1,100 > 1,000: emptied first
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.get("a")).isNull();
        assertThat(c.get("c")).hasSize(300);
        assertThat(c.bytes()).isEqualTo(300);
    }

    @Test
    void shouldEmptyItselfBeforeCrossingTheEntryBound() {
        BoundedCache<byte[]> c = cache(3, 1_000_000);
        for (int i = 0; i < 3; i++) {
            c.put("k" + i, new byte[10]);
        }
        c.put("k3", new byte[10]);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.bytes()).isEqualTo(10);
        // replacing an entry is not a new one
        c.put("k4", new byte[10]);
        c.put("k5", new byte[10]);
        c.put("k5", new byte[20]);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.bytes()).isEqualTo(40);
    }

    @Test
    void shouldCountReplacementsAndRemovalsAndNotKeepWhatIsTooLarge() {
        BoundedCache<byte[]> c = cache(100, 1000);
        byte[] first = new byte[600];
        c.put("a", first);
        c.put("a", new byte[100]);
        assertThat(c.bytes()).isEqualTo(100);
        c.put("b", new byte[500]);
        // a replacement that crosses the bound empties the cache
        c.put("b", new byte[950]);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.bytes()).isEqualTo(950);
        // larger than the whole budget: not kept, and the key's old entry goes
        c.put("b", new byte[1001]);
        assertThat(c.get("b")).isNull();
        assertThat(c.bytes()).isZero();
        byte[] kept = new byte[10];
        c.put("x", kept);
        c.remove("x", new byte[10]); // another value: stays
        assertThat(c.get("x")).isSameAs(kept);
        c.remove("x", kept);
        assertThat(c.get("x")).isNull();
        assertThat(c.bytes()).isZero();
    }
}
