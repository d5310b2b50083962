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

    @Test
    void shouldFitRoundBinsToTheValuesWithinTheirDomain() {
        // cosines within 0.012…0.047: span 0.035 / 20 = 0.00175 → bins of 0.002 from 0.010
        // (0.012 is itself an edge) to 0.048: 18 bins
        Histogram.Range r = Histogram.fitted(List.of(0.012, 0.03, 0.047), -1, 1, 20);
        assertThat(r.min()).isEqualTo(0.012);
        assertThat(r.max()).isEqualTo(0.048);
        assertThat(r.bins()).isEqualTo(18);
        // span 1.4 / 20 = 0.07 → bins of 0.1 from -0.5 to 0.9
        r = Histogram.fitted(List.of(-0.5, 0.2, 0.9), -1, 1, 20);
        assertThat(r).isEqualTo(new Histogram.Range(-0.5, 0.9, 14));
        // span 0.37 / 20 = 0.0185 → bins of 0.02 from -0.06 to 0.32: 19 bins
        r = Histogram.fitted(List.of(-0.05, 0.32), -1, 1, 20);
        assertThat(r).isEqualTo(new Histogram.Range(-0.06, 0.32, 19));
        // bins of 0.25 (span 4.2 / 20 = 0.21) stay within the domain [0, 5]
        r = Histogram.fitted(List.of(0.1, 4.3), 0, 5, 20);
        assertThat(r).isEqualTo(new Histogram.Range(0.0, 4.5, 18));
        // no values: the whole domain; one value: one bin of the domain's twentieth
        assertThat(Histogram.fitted(List.of(), -1, 1, 20))
                .isEqualTo(new Histogram.Range(-1, 1, 20));
        assertThat(Histogram.fitted(List.of(0.3, 0.3), -1, 1, 20))
                .isEqualTo(new Histogram.Range(0.3, 0.4, 1));
        // values outside the domain are clipped to it: the range never leaves [min, max]
        assertThat(Histogram.fitted(List.of(-3.0, 0.0), -1, 1, 20))
                .isEqualTo(new Histogram.Range(-1, 0, 20));
        Histogram h =
                Histogram.of(
                        List.of(0.012, 0.03, 0.047),
                        Histogram.fitted(List.of(0.012, 0.047), -1, 1, 20));
        assertThat(h.edges()).hasSize(19).startsWith(0.012, 0.014, 0.016).endsWith(0.048);
        assertThat(h.counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(h.clipped()).isZero();
    }
}
