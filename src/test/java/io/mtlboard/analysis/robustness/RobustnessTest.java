package io.mtlboard.analysis.robustness;

import static io.mtlboard.analysis.ranking.Orientation.HIGHER_IS_BETTER;
import static io.mtlboard.analysis.ranking.Orientation.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    private static final Condition NOISE_1 = new Condition("gaussian_noise", 1);
    private static final Condition BLUR_2 = new Condition("gaussian_blur", 2);

    @Test
    void shouldGivePositiveDropWhenAHigherIsBetterMetricFalls() {
        // accuracy 80 -> 60: -(60 - 80) / 80 = 0.25
        assertThat(Robustness.relativeDrop(80, 60, HIGHER_IS_BETTER))
                .isCloseTo(0.25, within(1e-12));
        // accuracy 80 -> 88: -(88 - 80) / 80 = -0.1, an improvement
        assertThat(Robustness.relativeDrop(80, 88, HIGHER_IS_BETTER))
                .isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void shouldGivePositiveDropWhenALowerIsBetterMetricRises() {
        // error 0.4 -> 0.5: (0.5 - 0.4) / 0.4 = 0.25
        assertThat(Robustness.relativeDrop(0.4, 0.5, LOWER_IS_BETTER))
                .isCloseTo(0.25, within(1e-12));
    }

    @Test
    void shouldAverageDropsOverConditions() {
        // error 0.4 -> 0.5 (0.25) and -> 0.6 (0.5): mean 0.375
        assertThat(Robustness.meanDrop(0.4, Map.of(NOISE_1, 0.5, BLUR_2, 0.6), LOWER_IS_BETTER))
                .isCloseTo(0.375, within(1e-12));
    }

    @Test
    void shouldBeNegativeWhenMtlDegradesLessOnAnError() {
        // MTL: clean 0.4, corrupted 0.5, 0.6 -> ratios 1.25, 1.5
        // STL: clean 0.5, corrupted 0.7, 0.8 -> ratios 1.4, 1.6
        // δ = mean(1.25 - 1.4, 1.5 - 1.6) = mean(-0.15, -0.1) = -0.125
        double delta =
                Robustness.delta(
                        0.4,
                        Map.of(NOISE_1, 0.5, BLUR_2, 0.6),
                        0.5,
                        Map.of(NOISE_1, 0.7, BLUR_2, 0.8),
                        LOWER_IS_BETTER);
        assertThat(delta).isCloseTo(-0.125, within(1e-12));
    }

    @Test
    void shouldBeNegativeWhenMtlDegradesLessOnAnAccuracy() {
        // MTL: clean 80, corrupted 72, 64 -> ratios 0.9, 0.8; STL: clean 90, corrupted 72, 63 ->
        // 0.8, 0.7
        // ratio difference MTL - STL = +0.1 on both; oriented for higher-is-better: δ = -0.1
        double delta =
                Robustness.delta(
                        80,
                        Map.of(NOISE_1, 72.0, BLUR_2, 64.0),
                        90,
                        Map.of(NOISE_1, 72.0, BLUR_2, 63.0),
                        HIGHER_IS_BETTER);
        assertThat(delta).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void shouldBePositiveWhenMtlDegradesMore() {
        // swap the models of the previous case: δ = +0.1
        double delta =
                Robustness.delta(
                        90,
                        Map.of(NOISE_1, 72.0, BLUR_2, 63.0),
                        80,
                        Map.of(NOISE_1, 72.0, BLUR_2, 64.0),
                        HIGHER_IS_BETTER);
        assertThat(delta).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void shouldRejectMismatchedConditionsZeroCleanAndBadSeverity() {
        assertThatThrownBy(
                        () ->
                                Robustness.delta(
                                        1,
                                        Map.of(NOISE_1, 1.0),
                                        1,
                                        Map.of(BLUR_2, 1.0),
                                        LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same conditions");
        assertThatThrownBy(() -> Robustness.relativeDrop(0, 1, LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
        assertThatThrownBy(() -> new Condition("contrast", 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Robustness.meanDrop(1, Map.of(), LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
