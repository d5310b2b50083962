package io.mtlboard.analysis.grouping;

import static io.mtlboard.analysis.grouping.ThreeTasks.A;
import static io.mtlboard.analysis.grouping.ThreeTasks.AB;
import static io.mtlboard.analysis.grouping.ThreeTasks.ABC;
import static io.mtlboard.analysis.grouping.ThreeTasks.AC;
import static io.mtlboard.analysis.grouping.ThreeTasks.BC;
import static io.mtlboard.analysis.grouping.ThreeTasks.B_SMALL;
import static io.mtlboard.analysis.grouping.ThreeTasks.PROBLEM;
import static io.mtlboard.analysis.grouping.ThreeTasks.net;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupingTest {

    private static Grouping best(double budget) {
        return TaskGrouping.best(PROBLEM, budget).orElseThrow();
    }

    @Test
    void shouldFindNoGroupingWhenTheBudgetCoversNoTaskSet() {
        // 0.5 buys one small single-task network: two tasks stay uncovered
        assertThat(TaskGrouping.best(PROBLEM, 0.5)).isEmpty();
    }

    @Test
    void shouldPickTheAllInOneNetworkAtBudgetOne() {
        // the only cover of cost <= 1 is {a,b,c}: .28 + .41 + .47 = 1.16
        Grouping g = best(1);
        assertThat(g.networks()).containsExactly(ABC);
        assertThat(g.totalLoss()).isCloseTo(1.16, within(1e-12));
        assertThat(g.taskLosses())
                .containsEntry("a", .28)
                .containsEntry("b", .41)
                .containsEntry("c", .47);
    }

    @Test
    void shouldKeepTheCheaperGroupingWhenExtraBudgetDoesNotHelp() {
        // at 1.5: three small nets 1.28; {a,c} + small b .35 + .43 + .42 = 1.20; {a,b} + small c
        // 1.22;
        // {b,c} + small a 1.28; no small net improves {a,b,c}: 1.16 at cost 1 stays best
        Grouping g = best(1.5);
        assertThat(g.networks()).containsExactly(ABC);
        assertThat(g.cost()).isEqualTo(1.0);
    }

    @Test
    void shouldCombineAllInOneWithAPairAtBudgetTwo() {
        // {a,b,c} + {a,c}: .28 + .41 + .42 = 1.11; {a,b,c} + {a,b} or + {b,c}: 1.13; + {b}: 1.15;
        // {a,b} + {a,c}: .25 + .45 + .42 = 1.12; {a,c} + {b,c}: 1.15; pair + single >= 1.17;
        // {a,c} + small a + small b: 1.18; anything with two or more small nets >= 1.18
        Grouping g = best(2);
        assertThat(g.networks()).containsExactlyInAnyOrder(ABC, AC);
        assertThat(g.totalLoss()).isCloseTo(1.11, within(1e-12));
    }

    @Test
    void shouldUseASmallNetworkAtBudgetTwoAndAHalf() {
        // a reaches .25 only in {a,b}, b .38 only in {b,c}, c .42 only in {a,c}; all three cost 3.
        // Dropping {b,c}: {a,b} + {a,c} + small b = .25 + .43 + .42 = 1.10 (cost 2.5).
        // Dropping {a,b}: a at best .28 or .33 -> >= 1.13. Dropping {a,c}: c at best .47 -> >= 1.10
        // but only with {a,b} + {b,c} + {a,b,c}, cost 3.
        Grouping g = best(2.5);
        assertThat(g.networks()).containsExactlyInAnyOrder(AB, AC, B_SMALL);
        assertThat(g.totalLoss()).isCloseTo(1.10, within(1e-12));
        assertThat(g.cost()).isEqualTo(2.5);
    }

    @Test
    void shouldReachThePerTaskMinimumWithAllPairsAtBudgetThree() {
        // per-task minima .25 + .38 + .42 = 1.05 is a lower bound for any budget; {a,b}, {a,c},
        // {b,c} reach it at cost 3, and a larger budget buys nothing better
        for (double budget : new double[] {3, 4, 10}) {
            Grouping g = best(budget);
            assertThat(g.networks()).containsExactlyInAnyOrder(AB, AC, BC);
            assertThat(g.totalLoss()).isCloseTo(1.05, within(1e-12));
            assertThat(g.cost()).isEqualTo(3.0);
        }
    }

    @Test
    void shouldScoreAGroupingByTheBestNetworkPerTask() {
        // {a} .30 vs {a,b} .25 -> .25; b .45; c from {a,c} .42 -> 1.12
        Grouping g = Grouping.of(List.of("a", "b", "c"), List.of(A, AB, AC));
        assertThat(g.totalLoss()).isCloseTo(1.12, within(1e-12));
        assertThat(g.cost()).isEqualTo(3.0);
        assertThatThrownBy(() -> Grouping.of(List.of("a", "b", "c"), List.of(AB)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c");
    }

    @Test
    void shouldRejectBadBudgetsAndForeignTasks() {
        assertThatThrownBy(() -> TaskGrouping.best(PROBLEM, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskGrouping.best(PROBLEM, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupingProblem(List.of("a"), List.of(AB)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> net(0, "a", .1)).isInstanceOf(IllegalArgumentException.class);
    }
}
