package io.mtlboard.analysis.grouping;

import static io.mtlboard.analysis.grouping.ThreeTasks.ABC;
import static io.mtlboard.analysis.grouping.ThreeTasks.PROBLEM;
import static io.mtlboard.analysis.grouping.ThreeTasks.net;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HigherOrderApproximationTest {

    private static List<Network> higherOrder(GroupingProblem problem) {
        return problem.networks().stream().filter(n -> n.tasks().size() >= 3).toList();
    }

    @Test
    void shouldPredictTheTripleFromItsPairs() {
        // L_a({a,b,c}) = (L_a({a,b}) + L_a({a,c})) / 2 = (.25 + .35) / 2 = .30
        // L_b = (.45 + .38) / 2 = .415; L_c = (.42 + .57) / 2 = .495
        GroupingProblem approximated = HigherOrderApproximation.approximate(PROBLEM, 1.0);
        List<Network> predicted = higherOrder(approximated);
        assertThat(predicted).hasSize(1);
        Network abc = predicted.get(0);
        assertThat(abc.loss("a")).isCloseTo(.30, within(1e-12));
        assertThat(abc.loss("b")).isCloseTo(.415, within(1e-12));
        assertThat(abc.loss("c")).isCloseTo(.495, within(1e-12));
        assertThat(abc.cost()).isEqualTo(1.0);
        // the measured {a,b,c} is replaced; the nine networks on one or two tasks are kept
        assertThat(approximated.networks()).doesNotContain(ABC).hasSize(10);
    }

    @Test
    void shouldPredictEverySubsetOfThreeOrMoreOfFourTasks() {
        // pairs: a with b .2, c .4, d .9; b with c .6, d .3; c with d .5 (the same loss on both
        // tasks)
        GroupingProblem problem =
                new GroupingProblem(
                        List.of("a", "b", "c", "d"),
                        List.of(
                                net(1, "a", .2, "b", .2),
                                net(1, "a", .4, "c", .4),
                                net(1, "a", .9, "d", .9),
                                net(1, "b", .6, "c", .6),
                                net(1, "b", .3, "d", .3),
                                net(1, "c", .5, "d", .5)));
        List<Network> predicted = higherOrder(HigherOrderApproximation.approximate(problem, 0.75));
        // C(4,3) + C(4,4) = 5 subsets
        assertThat(predicted).hasSize(5).allSatisfy(n -> assertThat(n.cost()).isEqualTo(0.75));
        Network all =
                predicted.stream().filter(n -> n.tasks().size() == 4).findFirst().orElseThrow();
        // L_a = (.2 + .4 + .9) / 3 = .5; L_b = (.2 + .6 + .3) / 3 = 1.1 / 3; L_c = (.4 + .6 + .5) /
        // 3 = .5;
        // L_d = (.9 + .3 + .5) / 3 = 1.7 / 3
        assertThat(all.loss("a")).isCloseTo(.5, within(1e-12));
        assertThat(all.loss("b")).isCloseTo(1.1 / 3, within(1e-12));
        assertThat(all.loss("c")).isCloseTo(.5, within(1e-12));
        assertThat(all.loss("d")).isCloseTo(1.7 / 3, within(1e-12));
        Network bcd =
                predicted.stream()
                        .filter(n -> n.tasks().equals(Set.of("b", "c", "d")))
                        .findFirst()
                        .orElseThrow();
        // L_b({b,c,d}) = (.6 + .3) / 2 = .45
        assertThat(bcd.loss("b")).isCloseTo(.45, within(1e-12));
    }

    @Test
    void shouldRejectMissingOrDuplicatePairs() {
        GroupingProblem missing =
                new GroupingProblem(
                        List.of("a", "b", "c"),
                        List.of(net(1, "a", .1, "b", .1), net(1, "a", .1, "c", .1)));
        assertThatThrownBy(() -> HigherOrderApproximation.approximate(missing, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[b, c]");
        GroupingProblem duplicate =
                new GroupingProblem(
                        List.of("a", "b"),
                        List.of(net(1, "a", .1, "b", .1), net(1, "a", .2, "b", .2)));
        assertThatThrownBy(() -> HigherOrderApproximation.approximate(duplicate, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one");
    }
}
