package io.mtlboard.analysis.grouping;

import static io.mtlboard.analysis.grouping.ThreeTasks.AB;
import static io.mtlboard.analysis.grouping.ThreeTasks.ABC;
import static io.mtlboard.analysis.grouping.ThreeTasks.AC;
import static io.mtlboard.analysis.grouping.ThreeTasks.B_SMALL;
import static io.mtlboard.analysis.grouping.ThreeTasks.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetCurveTest {

    private static final List<Double> BUDGETS = List.of(0.5, 1.0, 1.5, 2.0, 2.5, 3.0);

    private static void assertLoss(Double actual, Double expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void shouldTraceAllFourCurvesOnTheThreeTaskExample() {
        // predicted {a,b,c}: .30 + .415 + .495 = 1.21 (see HigherOrderApproximationTest)
        // budget  exact  approx (measured / predicted)         all-in-one  independent
        // 0.5     -      -                                     -           -
        // 1       1.16   {a,b,c}: 1.16 / 1.21                  1.16        - (three small nets cost
        // 1.5)
        // 1.5     1.16   {a,c} + small b: 1.20 / 1.20          1.16        1.28 = .33 + .43 + .52
        // 2       1.11   {a,b} + {a,c}: 1.12 / 1.12            1.16        1.25 = {a} + small b, c
        // 2.5     1.10   {a,b} + {a,c} + small b: 1.10 / 1.10  1.16        1.22 = {a} + {b} + small
        // c
        // 3       1.05   {a,b} + {a,c} + {b,c}: 1.05 / 1.05    1.16        1.20 = {a} + {b} + {c}
        Double[][] expected = {
            {null, null, null, null, null},
            {1.16, 1.16, 1.21, 1.16, null},
            {1.16, 1.20, 1.20, 1.16, 1.28},
            {1.11, 1.12, 1.12, 1.16, 1.25},
            {1.10, 1.10, 1.10, 1.16, 1.22},
            {1.05, 1.05, 1.05, 1.16, 1.20},
        };
        List<CurvePoint> curve = BudgetCurve.of(PROBLEM, BUDGETS);
        assertThat(curve).extracting(CurvePoint::budget).containsExactlyElementsOf(BUDGETS);
        for (int i = 0; i < expected.length; i++) {
            CurvePoint p = curve.get(i);
            assertLoss(p.exactLoss(), expected[i][0]);
            assertLoss(p.approximationLoss(), expected[i][1]);
            assertLoss(p.approximationPredictedLoss(), expected[i][2]);
            assertLoss(p.allInOneLoss(), expected[i][3]);
            assertLoss(p.independentLoss(), expected[i][4]);
        }
    }

    @Test
    void shouldExposeTheChosenGroupings() {
        List<CurvePoint> curve = BudgetCurve.of(PROBLEM, List.of(2.0, 2.5));
        assertThat(curve.get(0).exact().selected().networks()).containsExactlyInAnyOrder(ABC, AC);
        assertThat(curve.get(0).approximation().selected().networks())
                .containsExactlyInAnyOrder(AB, AC);
        assertThat(curve.get(1).approximation().selected().networks())
                .containsExactlyInAnyOrder(AB, AC, B_SMALL);
    }

    @Test
    void shouldLeaveTheApproximationUnmeasuredWhenItsChoiceWasNeverTrained() {
        // without the measured {a,b,c}, budget 1 covers nothing exactly, while the approximation
        // chooses the predicted {a,b,c} (1.21), which has no measured loss
        List<Network> withoutTriple =
                PROBLEM.networks().stream().filter(n -> !n.equals(ABC)).toList();
        GroupingProblem problem = new GroupingProblem(PROBLEM.tasks(), withoutTriple);
        CurvePoint p = BudgetCurve.of(problem, List.of(1.0)).get(0);
        assertThat(p.exactLoss()).isNull();
        assertThat(p.allInOneLoss()).isNull();
        assertThat(p.approximationLoss()).isNull();
        assertLoss(p.approximationPredictedLoss(), 1.21);
    }
}
