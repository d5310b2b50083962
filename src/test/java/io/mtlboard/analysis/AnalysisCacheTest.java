package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtlboard.run.LeaderboardVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnalysisCacheTest {

    private final LeaderboardVersion version = new LeaderboardVersion();
    private final AnalysisCache cache = new AnalysisCache(version);
    private final AtomicInteger computed = new AtomicInteger();

    private String answer() {
        return "answer " + computed.incrementAndGet();
    }

    @Test
    void shouldAnswerARepeatedQuestionFromMemoryUntilAnyRunChanges() {
        assertThat(cache.get("levels?b", this::answer)).isEqualTo("answer 1");
        assertThat(cache.get("levels?b", this::answer)).isEqualTo("answer 1");
        assertThat(cache.get("levels?c", this::answer)).isEqualTo("answer 2");
        version.bump("nyuv2", 7); // a run of any benchmark
        assertThat(cache.get("levels?b", this::answer)).isEqualTo("answer 3");
        version.bumpAll(); // a registry or literature reload
        assertThat(cache.get("levels?b", this::answer)).isEqualTo("answer 4");
    }

    @Test
    void shouldNotKeepAFailureAndForgetTheLeastRecentlyUsedBeyondItsSize() {
        assertThatThrownBy(
                        () ->
                                cache.get(
                                        "bad",
                                        () -> {
                                            throw new IllegalArgumentException("invalid parameter");
                                        }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.get("bad", this::answer)).isEqualTo("answer 1");
        for (int i = 0; i < AnalysisCache.MAX_ENTRIES; i++) {
            cache.get("q" + i, this::answer);
        }
        int before = computed.get();
        cache.get("bad", this::answer); // pushed out by the others
        assertThat(computed.get()).isEqualTo(before + 1);
    }

    @Test
    void shouldKeyTheSameQuestionAlikeWhateverTheParameterOrder() {
        assertThat(
                        AnalysisCache.key(
                                "/api/analysis/levels",
                                Map.of("b", List.of("1"), "a", List.of("2"))))
                .isEqualTo(
                        AnalysisCache.key(
                                "/api/analysis/levels",
                                Map.of("a", List.of("2"), "b", List.of("1"))))
                .isEqualTo("/api/analysis/levels?{a=[2], b=[1]}");
    }
}
