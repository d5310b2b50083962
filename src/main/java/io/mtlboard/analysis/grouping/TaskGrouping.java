package io.mtlboard.analysis.grouping;

import java.util.Optional;

/**
 * Which tasks should be learned together (Standley et al., ICML 2020; METRICS.md §6): the best
 * set of candidate networks covering every task within an inference budget, found exactly by
 * branch-and-bound. The score of a solution is Σ_t of the lowest loss any chosen network has on
 * task t; among equally good solutions the cheapest is returned.
 */
public final class TaskGrouping {

    private TaskGrouping() {}

    /**
     * The best grouping whose total cost is at most {@code budget}.
     *
     * @return empty when no set of networks within the budget covers every task
     */
    public static Optional<Grouping> best(GroupingProblem problem, double budget) {
        if (!(budget >= 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException(
                    "budget must be finite and non-negative, got " + budget);
        }
        return BranchAndBound.solve(problem, budget);
    }
}
