package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The baseline comparison: the rank-sharing rule applied against 0 ± the baseline's spread. */
class BaselineComparisonTest {

    @Test
    void shouldCallADifferenceWithinTheSummedSpreadsNoise() {
        assertThat(BaselineComparison.of(1.0, 0.6, 0.4)).isEqualTo("within-noise"); // boundary
        assertThat(BaselineComparison.of(-1.0, 0.6, 0.4)).isEqualTo("within-noise");
        assertThat(BaselineComparison.of(1.01, 0.6, 0.4)).isEqualTo("better");
        assertThat(BaselineComparison.of(-1.01, 0.6, 0.4)).isEqualTo("worse");
    }

    @Test
    void shouldUseOneSidesSpreadAloneAndSayNothingWithoutAny() {
        assertThat(BaselineComparison.of(0.5, null, 0.6)).isEqualTo("within-noise");
        assertThat(BaselineComparison.of(0.7, 0.6, null)).isEqualTo("better");
        assertThat(BaselineComparison.of(0.0, null, null)).isNull();
        assertThat(BaselineComparison.of(25.0, null, null)).isNull();
    }
}
