package io.mtlboard.analysis.pareto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    private static ParetoFront.Point p(double x, double y) {
        return new ParetoFront.Point(x, y);
    }

    @Test
    void shouldKeepTheTradeOffsAndDropDominatedPointsWhenBothAxesAreHigherIsBetter() {
        // (3,1), (2,2), (1,3) trade off; (1.5,1.5) is dominated by (2,2); (1,3) beats (1,2.5)
        List<ParetoFront.Point> points = List.of(p(3, 1), p(2, 2), p(1.5, 1.5), p(1, 3), p(1, 2.5));
        assertThat(ParetoFront.nonDominated(points, true, true)).containsExactly(true, true, false, true, false);
    }

    @Test
    void shouldFollowEachAxisDirection() {
        // x = mIoU (higher better), y = depth error (lower better): (50, 0.40) dominates (49, 0.41)
        List<ParetoFront.Point> points = List.of(p(50, 0.40), p(49, 0.41), p(48, 0.39));
        assertThat(ParetoFront.nonDominated(points, true, false)).containsExactly(true, false, true);
        // both lower-is-better: (0.39, 48) is best on x, (0.41, 49)... reversed roles
        assertThat(ParetoFront.nonDominated(points, false, false)).containsExactly(false, false, true);
    }

    @Test
    void shouldKeepEqualPointsBothOnTheFront() {
        assertThat(ParetoFront.nonDominated(List.of(p(1, 1), p(1, 1), p(0, 0)), true, true))
                .containsExactly(true, true, false);
        assertThat(ParetoFront.dominates(p(1, 1), p(1, 1), true, true)).isFalse();
        assertThat(ParetoFront.dominates(p(1, 2), p(1, 1), true, true)).isTrue();
    }
}
