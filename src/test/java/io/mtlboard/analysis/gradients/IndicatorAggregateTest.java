package io.mtlboard.analysis.gradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.gradients.IndicatorAggregate.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorAggregateTest {

    @Test
    void shouldAverageOverStepsAndPerEpoch() {
        // epoch 2 logged first; epoch 1: 1, 3 -> 2; epoch 2: 5 -> 5
        // run mean over the 3 steps = 9/3 = 3 (the mean of epoch means would be 3.5)
        IndicatorAggregate a =
                IndicatorAggregate.of(
                        List.of(new Sample(2, 5), new Sample(1, 1), new Sample(1, 3)));
        assertThat(a.runMean()).isCloseTo(3.0, within(1e-12));
        assertThat(a.steps()).isEqualTo(3);
        assertThat(a.perEpoch()).containsExactly(entry(1, 2.0), entry(2, 5.0));
    }

    @Test
    void shouldRejectEmptyOrNonFiniteLogs() {
        assertThatThrownBy(() -> IndicatorAggregate.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                IndicatorAggregate.of(
                                        List.of(new Sample(0, Double.POSITIVE_INFINITY))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epoch 0");
    }
}
