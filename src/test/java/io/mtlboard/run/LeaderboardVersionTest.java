package io.mtlboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderboardVersionTest {

    @Test
    void shouldChangeOnlyTheBumpedBenchmark() {
        LeaderboardVersion v = new LeaderboardVersion();
        long a = v.current("a");
        long b = v.current("b");
        v.bump("a");
        assertThat(v.current("a")).isNotEqualTo(a);
        assertThat(v.current("b")).isEqualTo(b);
    }

    @Test
    void shouldChangeEveryBenchmarkOnBumpAll() {
        LeaderboardVersion v = new LeaderboardVersion();
        v.bump("a");
        long a = v.current("a");
        long b = v.current("b");
        v.bumpAll();
        assertThat(v.current("a")).isNotEqualTo(a);
        assertThat(v.current("b")).isNotEqualTo(b);
    }

    @Test
    void shouldNotRememberIdsThatWereOnlyRead() {
        LeaderboardVersion v = new LeaderboardVersion();
        for (int i = 0; i < 1000; i++) {
            v.current("unknown-" + i);
        }
        assertThat(v.counted()).isZero();
        v.bump("x");
        assertThat(v.counted()).isEqualTo(1);
        assertThat(v.current("unknown-5")).isZero();
    }

    @Test
    void shouldHandOutTheMarkedRunsOnceAndBumpTheirBenchmark() {
        LeaderboardVersion v = new LeaderboardVersion();
        long a = v.current("a");
        long all = v.overall();
        v.bump("a", 7);
        v.bump("a", 9);
        v.bump("b", 1);
        assertThat(v.current("a")).isNotEqualTo(a);
        assertThat(v.overall()).isNotEqualTo(all);
        assertThat(v.drainDirty("a")).containsExactlyInAnyOrder(7L, 9L);
        assertThat(v.drainDirty("a")).isEmpty();
        assertThat(v.drainDirty("b")).containsExactly(1L);
    }

    @Test
    void shouldAskForAFullReadWhenTooManyRunsWereMarked() {
        LeaderboardVersion v = new LeaderboardVersion();
        for (long id = 0; id < 20_001; id++) {
            v.bump("a", id);
        }
        assertThat(v.drainDirty("a")).isNull();
        assertThat(v.drainDirty("a")).isEmpty();
    }
}
