package io.mtlboard.analysis.pareto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    private static ParetoFront.Point p(String id, String group, double... values) {
        return new ParetoFront.Point(id, group, values);
    }

    @Test
    void shouldDominateOnlyWhenAtLeastAsGoodEverywhereAndBetterSomewhere() {
        assertThat(ParetoFront.dominates(new double[] {2, 1}, new double[] {1, 1})).isTrue();
        assertThat(ParetoFront.dominates(new double[] {1, 1}, new double[] {1, 1})).isFalse();
        assertThat(ParetoFront.dominates(new double[] {2, 0}, new double[] {1, 1})).isFalse();
        assertThatThrownBy(() -> ParetoFront.dominates(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * By hand: a1 (3,1) and a2 (1,3) trade off; a3 (1,1) is dominated by both; s1 (2,2) trades off
     * with a1 and a2; s2 (0,0) is dominated by everything. Full front: a1, a2, s1. Against the
     * other group: adam a1, a2 (a3 is dominated by s1); sgd s1 (s2 is dominated by the adam runs).
     */
    @Test
    void shouldCountEachGroupAmongAllRunsAndAgainstTheOtherGroup() {
        List<ParetoFront.Point> points =
                List.of(
                        p("a1", "adam", 3, 1),
                        p("a2", "adam", 1, 3),
                        p("a3", "adam", 1, 1),
                        p("s1", "sgd", 2, 2),
                        p("s2", "sgd", 0, 0));
        List<ParetoFront.GroupCount> counts = ParetoFront.counts(points, List.of("adam", "sgd"));
        assertThat(counts.get(0))
                .isEqualTo(new ParetoFront.GroupCount("adam", 3, 2, 2, List.of("a1", "a2")));
        assertThat(counts.get(1))
                .isEqualTo(new ParetoFront.GroupCount("sgd", 2, 1, 1, List.of("s1")));
    }

    @Test
    void shouldKeepEqualRunsBothOptimal() {
        List<ParetoFront.GroupCount> counts =
                ParetoFront.counts(
                        List.of(p("a", "adam", 1, 1), p("b", "sgd", 1, 1)), List.of("adam", "sgd"));
        assertThat(counts).extracting(ParetoFront.GroupCount::optimal).containsExactly(1, 1);
    }

    @Test
    void shouldKeepTheTradeOffsOfATwoMetricPlotAndDropDominatedRuns() {
        // (3,1), (2,2), (1,3) trade off; (1.5,1.5) is dominated by (2,2); (1,2.5) by (1,3); equal
        // runs both stay
        List<double[]> runs =
                List.of(
                        new double[] {3, 1},
                        new double[] {2, 2},
                        new double[] {1.5, 1.5},
                        new double[] {1, 3},
                        new double[] {1, 2.5},
                        new double[] {3, 1});
        assertThat(ParetoFront.nonDominated(runs))
                .containsExactly(true, true, false, true, false, true);
    }
}
