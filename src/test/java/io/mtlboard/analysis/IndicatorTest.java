package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.ranking.Orientation;
import org.junit.jupiter.api.Test;

class IndicatorTest {

    @Test
    void shouldListEveryLevelScopeAndIndicatorOnceWithFdThenTheTrainingLossesLast() {
        // 2 levels × 4 scopes (inter-task and inter-sample, batch and per sample) × 5 indicators,
        // then FD and its entropy, then the two reference predictors
        assertThat(Indicator.ALL).hasSize(44);
        assertThat(Indicator.ALL.stream().map(Indicator::key).distinct()).hasSize(44);
        assertThat(Indicator.ALL.get(41).key()).isEqualTo("fd.meanEntropy");
        assertThat(Indicator.ALL.get(42).key()).isEqualTo(Indicator.TRAINING_LOSS);
        assertThat(Indicator.ALL.get(43).key()).isEqualTo(Indicator.TRAINING_LOSS_GEOMETRIC);
        assertThat(Indicator.ALL)
                .filteredOn(Indicator::reference)
                .extracting(Indicator::key)
                .containsExactly("loss.total", "loss.geometricMean");
        assertThat(Indicator.byKey("loss.total").orElseThrow().orientation())
                .isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(Indicator.byKey("param.interSamplePerSample.cosine").orElseThrow().label())
                .isEqualTo("cosine similarity (param, inter-sample, per sample)");
    }

    @Test
    void shouldReadFewerConflictsAndMoreDisentanglementAsBetter() {
        assertThat(Indicator.byKey("param.interTask.cosine"))
                .get()
                .extracting(Indicator::orientation)
                .isEqualTo(Orientation.HIGHER_IS_BETTER);
        assertThat(Indicator.byKey("feature.interSample.conflictRatio"))
                .get()
                .extracting(Indicator::orientation)
                .isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(Indicator.byKey("param.interTask.imbalance"))
                .get()
                .extracting(Indicator::orientation)
                .isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(Indicator.byKey("fd.value"))
                .get()
                .extracting(Indicator::orientation)
                .isEqualTo(Orientation.HIGHER_IS_BETTER);
        assertThat(Indicator.byKey("param.interTask.cosine").orElseThrow().label())
                .isEqualTo("cosine similarity (param, inter-task, batch)");
        assertThat(Indicator.byKey("nope")).isEmpty();
    }
}
