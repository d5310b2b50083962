package io.mtlboard.analysis.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loss-vs-budget curve of METRICS.md §6 (Standley et al., ICML 2020): for each
 * budget, the exact optimum, the choice of the higher-order approximation measured on the real
 * networks, one all-in-one network, and independent single-task networks.
 */
public final class BudgetCurve {

    private BudgetCurve() {
    }

    /** The curve with predicted higher-order networks of cost 1 (full-size networks). */
    public static List<CurvePoint> of(GroupingProblem problem, List<Double> budgets) {
        return of(problem, budgets, 1.0);
    }

    /**
     * The curve over the given budgets.
     *
     * @param higherOrderCost the cost of the networks on three or more tasks the approximation predicts
     */
    public static List<CurvePoint> of(GroupingProblem problem, List<Double> budgets, double higherOrderCost) {
        GroupingProblem approximated = HigherOrderApproximation.approximate(problem, higherOrderCost);
        GroupingProblem singles = new GroupingProblem(problem.tasks(),
                problem.networks().stream().filter(n -> n.tasks().size() == 1).toList());
        List<CurvePoint> curve = new ArrayList<>();
        for (double budget : budgets) {
            curve.add(point(problem, approximated, singles, budget));
        }
        return curve;
    }

    private static CurvePoint point(GroupingProblem problem, GroupingProblem approximated, GroupingProblem singles,
            double budget) {
        Optional<Grouping> exact = TaskGrouping.best(problem, budget);
        Optional<Grouping> approximation = TaskGrouping.best(approximated, budget);
        Double approximationLoss = approximation.flatMap(g -> measured(problem, g)).orElse(null);
        return new CurvePoint(budget, loss(exact), approximationLoss, loss(approximation), allInOne(problem, budget),
                loss(TaskGrouping.best(singles, budget)), exact.orElse(null), approximation.orElse(null));
    }

    /** The approximation's choice scored with the measured networks, when all were measured. */
    static Optional<Double> measured(GroupingProblem problem, Grouping chosen) {
        List<Network> real = new ArrayList<>();
        for (Network n : chosen.networks()) {
            if (n.tasks().size() <= 2) {
                // networks on one or two tasks are the measured ones, kept by the approximation
                real.add(n);
                continue;
            }
            Optional<Network> match = problem.networks().stream()
                    .filter(m -> m.tasks().equals(n.tasks()) && m.cost() == n.cost()).findFirst();
            if (match.isEmpty()) {
                return Optional.empty();
            }
            real.add(match.get());
        }
        return Optional.of(Grouping.of(problem.tasks(), real).totalLoss());
    }

    private static Double allInOne(GroupingProblem problem, double budget) {
        return problem.networks().stream()
                .filter(n -> n.tasks().size() == problem.tasks().size() && n.cost() <= budget + BranchAndBound.EPS)
                .map(n -> Grouping.of(problem.tasks(), List.of(n)).totalLoss())
                .min(Double::compare).orElse(null);
    }

    private static Double loss(Optional<Grouping> grouping) {
        return grouping.map(Grouping::totalLoss).orElse(null);
    }
}
