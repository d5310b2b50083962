package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimCheckTest {

    private static final ClaimCheck.Tolerance PERCENT = new ClaimCheck.Tolerance(0.1, 0.0);
    private static final ClaimCheck.Tolerance ERROR = new ClaimCheck.Tolerance(0.0, 1e-3);

    @Test
    void shouldAgreeWithinAbsoluteToleranceForPercentages() {
        assertThat(ClaimCheck.agrees(91.05, 91.00, PERCENT)).isTrue(); // |0.05| <= 0.1
        assertThat(ClaimCheck.agrees(91.10, 91.00, PERCENT))
                .isTrue(); // boundary 0.1 (within rounding)
        assertThat(ClaimCheck.agrees(91.20, 91.00, PERCENT)).isFalse(); // 0.2 > 0.1
    }

    @Test
    void shouldAgreeWithinRelativeToleranceForErrors() {
        // rel 1e-3 of 0.5000 = 0.0005
        assertThat(ClaimCheck.agrees(0.5004, 0.5000, ERROR)).isTrue();
        assertThat(ClaimCheck.agrees(0.5006, 0.5000, ERROR)).isFalse();
    }

    @Test
    void shouldUseTheLargerOfBothTolerances() {
        ClaimCheck.Tolerance both = new ClaimCheck.Tolerance(0.01, 0.1);
        assertThat(ClaimCheck.agrees(1.09, 1.0, both)).isTrue(); // rel 0.1 wins
        assertThat(ClaimCheck.agrees(0.009, 0.0, both)).isTrue(); // abs 0.01 wins at m = 0
        assertThat(ClaimCheck.agrees(0.02, 0.0, both)).isFalse();
    }

    @Test
    void shouldBeVerifiedOnlyWhenEveryClaimAgrees() {
        Map<String, ClaimCheck.Tolerance> tol = Map.of("a.acc", PERCENT, "b.err", ERROR);
        ClaimCheck.Outcome ok =
                ClaimCheck.compare(
                        Map.of("a.acc", 80.0, "b.err", 0.3),
                        Map.of("a.acc", 80.05, "b.err", 0.3001),
                        tol);
        assertThat(ok.verdict()).isEqualTo("VERIFIED");
        ClaimCheck.Outcome bad =
                ClaimCheck.compare(
                        Map.of("a.acc", 85.0, "b.err", 0.3),
                        Map.of("a.acc", 80.05, "b.err", 0.3001),
                        tol);
        assertThat(bad.verdict()).isEqualTo("DISCREPANT");
        assertThat(bad.agrees()).containsEntry("a.acc", false).containsEntry("b.err", true);
    }

    @Test
    void shouldRefuseAClaimThatWasNotMeasured() {
        assertThatThrownBy(
                        () ->
                                ClaimCheck.compare(
                                        Map.of("x.y", 1.0), Map.of(), Map.of("x.y", PERCENT)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
