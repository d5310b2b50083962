package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void shouldCountValuesPerEqualBinWithTheMaximumInTheLastBin() {
        // bins over [-1, 1] of width 0.5: [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]
        Histogram h = Histogram.of(List.of(-1.0, -0.7, -0.2, 0.0, 0.1, 0.3, 1.0), -1, 1, 4);
        assertThat(h.edges()).containsExactly(-1.0, -0.5, 0.0, 0.5, 1.0);
        assertThat(h.counts()).containsExactly(2, 1, 3, 1);
        assertThat(h.n()).isEqualTo(7);
        assertThat(h.clipped()).isZero();
    }

    @Test
    void shouldClipValuesOutsideTheRangeIntoTheEdgeBinsAndSayHowMany() {
        Histogram h = Histogram.of(List.of(-3.0, 0.25, 7.0), 0, 1, 2);
        assertThat(h.counts()).containsExactly(2, 1);
        assertThat(h.clipped()).isEqualTo(2);
        assertThat(Histogram.of(List.of(), 0, 1, 2).counts()).containsExactly(0, 0);
        assertThatThrownBy(() -> Histogram.of(List.of(), 1, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
