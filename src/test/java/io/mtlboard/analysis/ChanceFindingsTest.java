package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chance yardstick against Binomial(m, 0.05) quantiles computed by hand. */
class ChanceFindingsTest {

    @Test
    void shouldGiveThe95thPercentileOfBinomialCounts() {
        // P(X ≤ 0) = 0.95² = 0.9025 < 0.95, P(X ≤ 1) = 0.9975
        assertThat(ChanceFindings.chanceBound(2)).isEqualTo(1);
        // m = 12: P(X ≤ 1) = 0.95¹² + 12 · 0.05 · 0.95¹¹ = 0.8816, P(X ≤ 2) = 0.9804
        assertThat(ChanceFindings.chanceBound(12)).isEqualTo(2);
        // m = 37: P(X ≤ 3) = 0.8881, P(X ≤ 4) = 0.9641
        assertThat(ChanceFindings.chanceBound(37)).isEqualTo(4);
        // m = 1: P(X ≤ 0) = 0.95 exactly, the boundary itself
        assertThat(ChanceFindings.chanceBound(1)).isEqualTo(0);
        assertThat(ChanceFindings.chanceBound(0)).isEqualTo(0);
    }

    @Test
    void shouldSayWhetherTheFindingsExceedChance() {
        assertThat(ChanceFindings.sentence(37, 3, "rows"))
                .startsWith("If nothing differed, about 1.9 of 37 rows would still fall outside")
                .contains("at most 4 in 95 % of cases")
                .endsWith(
                        "the 3 found are within what chance alone would give: by their count,"
                                + " they do not show that any of the rows differs");
        assertThat(ChanceFindings.sentence(37, 21, "indicators"))
                .endsWith("the 21 found are more than chance alone would give");
        assertThat(ChanceFindings.sentence(37, 5, "indicators"))
                .endsWith("the 5 found are more than chance alone would give");
        assertThat(ChanceFindings.sentence(1, 1, "rows")).isNull();
    }
}
