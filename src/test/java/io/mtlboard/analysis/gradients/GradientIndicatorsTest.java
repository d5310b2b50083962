package io.mtlboard.analysis.gradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientIndicatorsTest {

    private static double[] v(double... components) {
        return components;
    }

    @Test
    void shouldComputeCosineByHand() {
        // ⟨(1,0), (1,1)⟩ = 1, norms 1 and √2
        assertThat(GradientIndicators.cosine(v(1, 0), v(1, 1)))
                .isCloseTo(1 / Math.sqrt(2), within(1e-12));
        // ⟨(1,2,2), (2,-1,-2)⟩ = 2 - 2 - 4 = -4, norms 3 and 3 -> -4/9: a conflict
        assertThat(GradientIndicators.cosine(v(1, 2, 2), v(2, -1, -2)))
                .isCloseTo(-4.0 / 9.0, within(1e-12));
        // orthogonal in 3-D: ⟨(1,2,2), (-2,-1,2)⟩ = -2 - 2 + 4 = 0
        assertThat(GradientIndicators.cosine(v(1, 2, 2), v(-2, -1, 2)))
                .isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldComputeMagnitudeSimilarityByHand() {
        // norms 3 and 4: 2·3·4 / (9 + 16) = 24/25
        assertThat(GradientIndicators.magnitudeSimilarity(v(1, 2, 2), v(0, 4, 0)))
                .isCloseTo(0.96, within(1e-12));
        // equal norms, opposite directions: still 1
        assertThat(GradientIndicators.magnitudeSimilarity(v(3, 4), v(-4, -3)))
                .isCloseTo(1.0, within(1e-12));
        // one zero gradient: 0
        assertThat(GradientIndicators.magnitudeSimilarity(v(0, 0), v(1, 0))).isZero();
    }

    @Test
    void shouldComputeRelativeNormsAndImbalanceByHand() {
        // norms 1, 2, 3 -> mean 2 -> r = (0.5, 1, 1.5); imbalance 1.5 / 0.5 = 3
        List<double[]> g = List.of(v(1, 0), v(0, -2), v(3, 0));
        assertThat(GradientIndicators.relativeNorms(g))
                .containsExactly(new double[] {0.5, 1.0, 1.5}, within(1e-12));
        assertThat(GradientIndicators.imbalance(g)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void shouldCountConflictingPairsAndAveragePairwiseCosine() {
        // (1,0),(0,1): cos 0; (1,0),(-1,0): cos -1 (conflict); (0,1),(-1,0): cos 0
        List<double[]> g = List.of(v(1, 0), v(0, 1), v(-1, 0));
        assertThat(GradientIndicators.conflictRatio(g)).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(GradientIndicators.meanCosine(g)).isCloseTo(-1.0 / 3.0, within(1e-12));
        assertThat(GradientIndicators.meanMagnitudeSimilarity(g)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldNotCountOrthogonalPairsAsConflicts() {
        assertThat(GradientIndicators.conflictRatio(List.of(v(1, 0), v(0, 5)))).isZero();
    }

    @Test
    void shouldCountCoordinatesWithOppositeSigns() {
        // coordinate 0: +1, -1, +2 -> conflict; 1: 0, +1, -1 -> conflict; 2: +2, +3, 0 -> none
        List<double[]> g = List.of(v(1, 0, 2), v(-1, 1, 3), v(2, -1, 0));
        assertThat(GradientIndicators.coordinateConflictRatio(g))
                .isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldNotCountZeroComponentsAsOpposed() {
        // coordinate 1 has 0 and -3: only one strict sign
        assertThat(GradientIndicators.coordinateConflictRatio(List.of(v(1, 0), v(2, -3)))).isZero();
    }

    @Test
    void shouldSummarizeOneStepByHand() {
        // (1,0) and (0,2): cos 0, S_mag = 2·1·2 / (1 + 4) = 0.8, no conflict, no opposed
        // coordinate,
        // norms 1 and 2 -> mean 1.5 -> r = (2/3, 4/3), imbalance 2
        GradientSummary s = GradientIndicators.summarize(List.of(v(1, 0), v(0, 2)));
        assertThat(s.meanCosine()).isCloseTo(0.0, within(1e-12));
        assertThat(s.meanMagnitudeSimilarity()).isCloseTo(0.8, within(1e-12));
        assertThat(s.conflictRatio()).isZero();
        assertThat(s.coordinateConflictRatio()).isZero();
        assertThat(s.relativeNorms()).containsExactly(2.0 / 3.0, 4.0 / 3.0);
        assertThat(s.imbalance()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void shouldRejectZeroMismatchedOrTooFewGradients() {
        assertThatThrownBy(() -> GradientIndicators.cosine(v(0, 0), v(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
        assertThatThrownBy(() -> GradientIndicators.cosine(v(1, 0), v(1, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension");
        assertThatThrownBy(() -> GradientIndicators.conflictRatio(List.of(v(1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GradientIndicators.relativeNorms(List.of(v(0, 0), v(0, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GradientIndicators.cosine(v(Double.NaN, 1), v(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
