package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedStatsTest {

    @Test
    void shouldUseSampleStandardDeviation() {
        // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum 32, sample var 32/7
        SeedStats s = SeedStats.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
        assertThat(s.n()).isEqualTo(8);
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.std()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-12));
    }

    @Test
    void shouldHaveNoStdForOneValue() {
        SeedStats s = SeedStats.of(List.of(53.5));
        assertThat(s.mean()).isEqualTo(53.5);
        assertThat(s.std()).isNull();
    }

    @Test
    void shouldRejectNoValues() {
        assertThatThrownBy(() -> SeedStats.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
