package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingSimilarityTest {

    private static Scoring higher(String name, Map<String, Double> values) {
        return new Scoring(name, Orientation.HIGHER_IS_BETTER, values);
    }

    private static Scoring lower(String name, Map<String, Double> values) {
        return new Scoring(name, Orientation.LOWER_IS_BETTER, values);
    }

    // Δm (gain, higher is better): ew < mgda < pcgrad < cagrad < nash
    private static final Scoring DELTA_M =
            higher(
                    "Δm",
                    Map.of("ew", -1.8, "mgda", -0.6, "pcgrad", -0.3, "cagrad", 0.2, "nash", 1.1));

    @Test
    void shouldAgreeFullyWhenALowerIsBetterScoringRanksTheSameWay() {
        // conflict ratio falls as Δm rises: lower is better, so the orderings agree
        Scoring conflicts =
                lower(
                        "conflict",
                        Map.of("ew", 0.5, "mgda", 0.4, "pcgrad", 0.3, "cagrad", 0.2, "nash", 0.1));
        assertThat(RankingSimilarity.compare(DELTA_M, conflicts, Coefficient.kendallTauB()).value())
                .isCloseTo(1.0, within(1e-12));
        // read as higher-is-better the same numbers rank the methods in reverse
        Scoring misread = higher("conflict", conflicts.values());
        assertThat(RankingSimilarity.compare(DELTA_M, misread, Coefficient.spearmanRho()).value())
                .isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void shouldCompareOnlyMethodsPresentInBoth() {
        // "famo" and "uw" are each in one scoring only; on the four shared methods the indicator
        // swaps pcgrad and cagrad: pairs 6, n_c = 5, n_d = 1, no ties -> τ-b = 4/6
        Scoring indicator =
                higher(
                        "cosine",
                        Map.of("ew", 0.1, "mgda", 0.2, "pcgrad", 0.4, "cagrad", 0.3, "uw", 9.0));
        Scoring withExtra =
                higher(
                        "Δm'",
                        Map.of(
                                "ew", -1.8, "mgda", -0.6, "pcgrad", -0.3, "cagrad", 0.2, "famo",
                                5.0));
        Agreement a = RankingSimilarity.compare(withExtra, indicator, Coefficient.kendallTauB());
        assertThat(a.n()).isEqualTo(4);
        assertThat(a.unreliable()).isTrue();
        assertThat(a.value()).isCloseTo(4.0 / 6.0, within(1e-12));
    }

    @Test
    void shouldMarkFiveSharedMethodsAsReliable() {
        Agreement a = RankingSimilarity.compare(DELTA_M, DELTA_M, Coefficient.kendallTauB());
        assertThat(a.n()).isEqualTo(5);
        assertThat(a.unreliable()).isFalse();
        assertThat(a.value()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldReportUndefinedWhenNoMethodIsShared() {
        Agreement a =
                RankingSimilarity.compare(
                        DELTA_M, higher("other", Map.of("x", 1.0)), Coefficient.spearmanRho());
        assertThat(a.n()).isZero();
        assertThat(a.value()).isNull();
        assertThat(a.unreliable()).isTrue();
    }

    @Test
    void shouldBuildASymmetricMatrixWithSharedCountsPerCell() {
        Scoring indicator =
                lower("angle", Map.of("ew", 5.0, "mgda", 4.0, "pcgrad", 2.0, "cagrad", 3.0));
        Scoring backbone = higher("Δm on B", Map.of("ew", 0.0, "nash", 1.0, "mgda", 2.0));
        SimilarityMatrix m =
                RankingSimilarity.matrix(
                        List.of(DELTA_M, indicator, backbone), Coefficient.topKOverlap(2));
        assertThat(m.coefficient()).isEqualTo("top-2-overlap");
        assertThat(m.scorings()).containsExactly("Δm", "angle", "Δm on B");
        assertThat(m.cell(0, 0).value()).isEqualTo(1.0);
        assertThat(m.cell(0, 0).n()).isEqualTo(5);
        // Δm vs angle on ew, mgda, pcgrad, cagrad: top-2 {cagrad, pcgrad} vs {pcgrad, cagrad} -> 1
        assertThat(m.cell(0, 1).value()).isEqualTo(1.0);
        assertThat(m.cell(0, 1).n()).isEqualTo(4);
        // Δm vs B on ew, mgda, nash: top-2 {nash, mgda} vs {mgda, nash} -> 1; angle vs B on ew,
        // mgda:
        // k shrinks to 2 -> 1
        assertThat(m.cell(0, 2).n()).isEqualTo(3);
        assertThat(m.cell(1, 2).n()).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(m.cell(i, j)).isEqualTo(m.cell(j, i));
            }
        }
    }

    @Test
    void shouldGiveHandComputedKendallInTheMatrix() {
        // Δm vs B on ew (-1.8 | 0), mgda (-0.6 | 2), nash (1.1 | 1):
        // pairs (ew,mgda) C, (ew,nash) C, (mgda,nash) D -> τ-b = (2 - 1) / 3
        Scoring backbone = higher("Δm on B", Map.of("ew", 0.0, "nash", 1.0, "mgda", 2.0));
        SimilarityMatrix m =
                RankingSimilarity.matrix(List.of(DELTA_M, backbone), Coefficient.kendallTauB());
        assertThat(m.cell(0, 1).value()).isCloseTo(1.0 / 3.0, within(1e-12));
        assertThat(m.cell(1, 0).value()).isCloseTo(1.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldRejectNonFiniteValuesAndBadK() {
        assertThatThrownBy(() -> higher("bad", Map.of("ew", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ew");
        assertThatThrownBy(() -> Coefficient.topKOverlap(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
