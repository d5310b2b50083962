package io.mtlboard.leaderboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.Orientation;
import org.junit.jupiter.api.Test;

class IndicatorTest {

    @Test
    void shouldListEveryLevelScopeAndIndicatorOnceWithFdLast() {
        // 2 levels × 2 scopes × 5 indicators, then FD and its entropy
        assertThat(Indicator.ALL).hasSize(22);
        assertThat(Indicator.ALL.stream().map(Indicator::key).distinct()).hasSize(22);
        assertThat(Indicator.ALL.get(21).key()).isEqualTo("fd.meanEntropy");
    }

    @Test
    void shouldReadFewerConflictsAndMoreDisentanglementAsBetter() {
        assertThat(Indicator.byKey("param.interTask.cosine")).get().extracting(Indicator::orientation)
                .isEqualTo(Orientation.HIGHER_IS_BETTER);
        assertThat(Indicator.byKey("feature.interSample.conflictRatio")).get().extracting(Indicator::orientation)
                .isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(Indicator.byKey("param.interTask.imbalance")).get().extracting(Indicator::orientation)
                .isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(Indicator.byKey("fd.value")).get().extracting(Indicator::orientation)
                .isEqualTo(Orientation.HIGHER_IS_BETTER);
        assertThat(Indicator.byKey("param.interTask.cosine").orElseThrow().label())
                .isEqualTo("cosine similarity (param, inter-task)");
        assertThat(Indicator.byKey("nope")).isEmpty();
    }
}
