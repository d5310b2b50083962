package io.mtlboard.analysis.disentanglement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FeatureDisentanglementTest {

    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);

    private static double[] s(double... values) {
        return values;
    }

    private static FeatureDisentanglement.Result fd(double[]... saliency) {
        return FeatureDisentanglement.of(List.of(saliency)).orElseThrow();
    }

    @Test
    void shouldBeOneWhenEveryElementServesOneTaskOfTwo() {
        FeatureDisentanglement.Result r = fd(s(1, 0, 2), s(0, 3, 0));
        assertThat(r.fd()).isEqualTo(1.0);
        assertThat(r.meanEntropy()).isZero();
        assertThat(r.elements()).isEqualTo(3);
    }

    @Test
    void shouldBeZeroWhenTwoTasksShareEveryElementEqually() {
        // p = (1/2, 1/2) everywhere: H = ln 2 = ln T
        FeatureDisentanglement.Result r = fd(s(1, 2), s(1, 2));
        assertThat(r.fd()).isCloseTo(0.0, within(1e-12));
        assertThat(r.meanEntropy()).isCloseTo(LN2, within(1e-12));
    }

    @Test
    void shouldSkipZeroElementsAndAverageEntropiesForTwoTasks() {
        // element 0: p = (1/2, 1/2), H = ln 2; element 1: p = (3/4, 1/4),
        // H = -(3/4 ln 3/4 + 1/4 ln 1/4) = 0.5623351446188083; element 2: total 0, skipped
        // mean H = (0.6931471805599453 + 0.5623351446188083) / 2 = 0.6277411625893768
        // FD = 1 - 0.6277411625893768 / ln 2 = 1 - (1 + 0.8112781244591328) / 2 =
        // 0.0943609377704336
        FeatureDisentanglement.Result r = fd(s(1, 3, 0), s(1, 1, 0));
        assertThat(r.elements()).isEqualTo(2);
        assertThat(r.meanEntropy()).isCloseTo(0.6277411625893768, within(1e-12));
        assertThat(r.fd()).isCloseTo(0.0943609377704336, within(1e-12));
    }

    @Test
    void shouldTakeAbsoluteValuesOfRawGradients() {
        FeatureDisentanglement.Result r = fd(s(-1, -3, 0), s(1, 1, 0));
        assertThat(r.fd()).isCloseTo(0.0943609377704336, within(1e-12));
    }

    @Test
    void shouldBeZeroAndOneAtTheExtremesForThreeTasks() {
        assertThat(fd(s(2, 5), s(2, 5), s(2, 5)).fd()).isCloseTo(0.0, within(1e-12));
        assertThat(fd(s(2, 0, 0), s(0, 5, 0), s(0, 0, 1)).fd()).isEqualTo(1.0);
    }

    @Test
    void shouldAverageNormalizedEntropiesForThreeTasksByHand() {
        // element 0: p = (1/2, 1/2, 0), H = ln 2; element 1: p = (1/3, 1/3, 1/3), H = ln 3;
        // element 2: p = (1, 0, 0), H = 0
        // mean H = (ln 2 + ln 3) / 3 = ln 6 / 3 = 0.5972531564093516
        // FD = 1 - (ln 2 / ln 3 + 1 + 0) / 3 = 1 - (0.6309297535714574 + 1) / 3 =
        // 0.4563567488095142
        FeatureDisentanglement.Result r = fd(s(2, 1, 5), s(2, 1, 0), s(0, 1, 0));
        assertThat(r.meanEntropy()).isCloseTo(Math.log(6) / 3, within(1e-12));
        assertThat(r.fd()).isCloseTo(0.4563567488095142, within(1e-12));
        assertThat(r.tasks()).isEqualTo(3);
    }

    @Test
    void shouldBeUndefinedWhenEveryElementHasZeroGradient() {
        assertThat(FeatureDisentanglement.of(List.of(s(0, 0), s(0, 0)))).isEmpty();
    }

    @Test
    void shouldNormalizeARawMeanEntropy() {
        assertThat(FeatureDisentanglement.normalize(LN2, 2)).isCloseTo(0.0, within(1e-15));
        assertThat(FeatureDisentanglement.normalize(0, 3)).isEqualTo(1.0);
        // ln 2 / ln 4 = 1/2
        assertThat(FeatureDisentanglement.normalize(LN2, 4)).isCloseTo(0.5, within(1e-15));
        assertThat(FeatureDisentanglement.normalize(LN3 / 2, 3)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void shouldPoolElementsOverBatchesRatherThanAverageBatchFds() {
        // batch 1: one shared element, H = ln 2 (FD 0); batch 2: two single-task elements, H = 0
        // (FD 1)
        // pooled: mean H = ln 2 / 3 -> FD = 2/3 (a mean of batch FDs would give 1/2)
        EntropyAccumulator acc = new EntropyAccumulator(2);
        acc.add(List.of(s(1), s(1)));
        acc.add(List.of(s(4, 0), s(0, 7)));
        FeatureDisentanglement.Result r = acc.result().orElseThrow();
        assertThat(r.elements()).isEqualTo(3);
        assertThat(r.fd()).isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldRejectBadInput() {
        assertThatThrownBy(() -> FeatureDisentanglement.of(List.of(s(1, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two tasks");
        assertThatThrownBy(() -> FeatureDisentanglement.of(List.of(s(1, 2), s(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
        assertThatThrownBy(() -> FeatureDisentanglement.of(List.of(s(1, Double.NaN), s(1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new EntropyAccumulator(2).add(List.of(s(1), s(1), s(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2");
    }

    @Test
    void shouldChangeWhenOneTaskLossIsScaledBecauseFdDependsOnTheRelativeLossScale() {
        // the same network, task 1's loss multiplied by k scales |∂L_1/∂z| by k. Element (1, 1):
        // p = (½, ½), H = ln 2 → FD 0. With k = 10: p = (10/11, 1/11), H = 0.3046 nats, FD = 1 −
        // H/ln 2 = 0.5606
        List<double[]> equal = List.of(new double[] {1, 2}, new double[] {1, 2});
        List<double[]> scaled = List.of(new double[] {10, 20}, new double[] {1, 2});
        FeatureDisentanglement.Result a = FeatureDisentanglement.of(equal).orElseThrow();
        FeatureDisentanglement.Result b = FeatureDisentanglement.of(scaled).orElseThrow();
        double h = -(10.0 / 11 * Math.log(10.0 / 11) + 1.0 / 11 * Math.log(1.0 / 11));
        assertThat(a.fd()).isCloseTo(0.0, Offset.offset(1e-12));
        assertThat(a.meanEntropy()).isCloseTo(Math.log(2), Offset.offset(1e-12));
        assertThat(b.meanEntropy()).isCloseTo(h, Offset.offset(1e-12));
        assertThat(b.fd()).isCloseTo(1 - h / Math.log(2), Offset.offset(1e-12));
        // scaling every task alike changes nothing
        List<double[]> both = List.of(new double[] {10, 20}, new double[] {10, 20});
        assertThat(FeatureDisentanglement.of(both).orElseThrow().fd())
                .isCloseTo(a.fd(), Offset.offset(1e-12));
    }
}
