package io.mtlboard.analysis.grouping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The loss-vs-budget curves of METRICS.md §6 (Standley et al., ICML 2020, §5 and Fig. 3): for each
 * budget, the exact optimum, the higher-order approximation (HOA, §5.3.2), the early-stopping
 * approximation (ESA, §5.3.1) when the study has early-stopped losses, one all-in-one network and
 * independent single-task networks. Every strategy chooses on its own selection losses and is
 * scored on the study's evaluation losses, as the paper's curves are.
 */
public final class BudgetCurve {

    private BudgetCurve() {}

    /** The curves of one table, with predicted higher-order networks of cost 1 (full-size networks). */
    public static List<CurvePoint> of(GroupingProblem problem, List<Double> budgets) {
        return of(GroupingStudy.of(problem), budgets, 1.0);
    }

    /**
     * The curves of a study over the given budgets.
     *
     * @param higherOrderCost the cost of the networks on three or more tasks the approximation predicts
     */
    public static List<CurvePoint> of(
            GroupingStudy study, List<Double> budgets, double higherOrderCost) {
        GroupingProblem selection = study.selection();
        GroupingProblem approximated =
                HigherOrderApproximation.approximate(selection, higherOrderCost);
        GroupingProblem singles =
                new GroupingProblem(
                        study.tasks(),
                        selection.networks().stream().filter(n -> n.tasks().size() == 1).toList());
        List<CurvePoint> curve = new ArrayList<>();
        for (double budget : budgets) {
            curve.add(
                    new CurvePoint(
                            budget,
                            choice(study, selection, budget),
                            choice(study, approximated, budget),
                            study.earlyStopping() == null
                                    ? null
                                    : choice(study, study.earlyStopping(), budget),
                            allInOne(study, budget),
                            choice(study, singles, budget)));
        }
        return curve;
    }

    /** One network solving every task: the one with the lowest selection loss within the budget. */
    private static Choice allInOne(GroupingStudy study, double budget) {
        return study.selection().networks().stream()
                .filter(
                        n ->
                                n.tasks().size() == study.tasks().size()
                                        && n.cost() <= budget + BranchAndBound.EPS)
                .map(n -> Grouping.of(study.tasks(), List.of(n)))
                .min(
                        Comparator.comparingDouble(Grouping::totalLoss)
                                .thenComparingDouble(Grouping::cost))
                .map(g -> new Choice(g, study.evaluate(g).orElse(null)))
                .orElse(null);
    }

    private static Choice choice(GroupingStudy study, GroupingProblem candidates, double budget) {
        Optional<Grouping> chosen = TaskGrouping.best(candidates, budget);
        return chosen.map(g -> new Choice(g, study.evaluate(g).orElse(null))).orElse(null);
    }
}
