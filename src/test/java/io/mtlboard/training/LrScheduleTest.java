package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Learning-rate factors as torch's CosineAnnealingLR(T_max = steps, eta_min = 0) gives them. */
class LrScheduleTest {

    @Test
    void shouldAnnealTheRateToZeroOverTheRunOnACosine() {
        LrSchedule c = LrSchedule.COSINE;
        assertThat(c.factor(0, 4)).isEqualTo(1.0);
        // ½ (1 + cos(π/4)) = 0.853553…, ½ (1 + cos(π/2)) = ½, ½ (1 + cos(3π/4)) = 0.146446…
        assertThat(c.factor(1, 4)).isCloseTo(0.8535533905932737, within(1e-15));
        assertThat(c.factor(2, 4)).isCloseTo(0.5, within(1e-15));
        assertThat(c.factor(3, 4)).isCloseTo(0.14644660940672627, within(1e-15));
        assertThatThrownBy(() -> c.factor(4, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheRateWithoutASchedule() {
        assertThat(LrSchedule.parse(null)).isEqualTo(LrSchedule.CONSTANT);
        assertThat(LrSchedule.parse(" Cosine ")).isEqualTo(LrSchedule.COSINE);
        assertThat(LrSchedule.CONSTANT.factor(3, 4)).isEqualTo(1.0);
        assertThatThrownBy(() -> LrSchedule.parse("step"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constant, cosine");
    }
}
