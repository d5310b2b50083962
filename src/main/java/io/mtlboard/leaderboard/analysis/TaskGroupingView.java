package io.mtlboard.leaderboard.analysis;

import io.mtlboard.analysis.grouping.CurvePoint;
import io.mtlboard.analysis.grouping.Grouping;
import io.mtlboard.analysis.grouping.Network;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/POST /api/analysis/task-grouping}: which tasks to train together under an inference
 * budget (Standley et al., ICML 2020; METRICS.md §6), from a table of networks trained on task
 * subsets. Losses are totals over all tasks, lower is better.
 *
 * @param input {@code example} (the built-in hand-made table) or {@code pasted}
 * @param csv the table as CSV, as read
 * @param networks the table: every candidate network with its cost and per-task losses
 * @param curve the loss-vs-budget curve over budgets 1, 1.5, …, number of tasks
 * @param selected the point at the requested budget
 */
public record TaskGroupingView(String input, String title, String csv, List<String> tasks,
        List<NetworkView> networks, List<Point> curve, Point selected, List<String> notes) {

    /** A candidate network: the tasks it solves, its inference cost and its loss per task. */
    public record NetworkView(List<String> tasks, double cost, Map<String, Double> losses) {

        static NetworkView of(Network n) {
            return new NetworkView(List.copyOf(n.tasks()), n.cost(), n.losses());
        }
    }

    /** A chosen set of networks with its cost, total loss and the loss serving each task. */
    public record GroupingView(List<NetworkView> networks, double cost, double totalLoss,
            Map<String, Double> taskLosses) {

        static GroupingView of(Grouping g) {
            return g == null ? null : new GroupingView(g.networks().stream().map(NetworkView::of).toList(), g.cost(),
                    g.totalLoss(), g.taskLosses());
        }
    }

    /**
     * One budget of the curve ({@link CurvePoint}); a loss is null when nothing fits the budget.
     *
     * @param approximationLoss the measured total loss of the networks the higher-order
     *     approximation chooses; {@code approximationPredictedLoss} is what it predicted
     */
    public record Point(double budget, Double exactLoss, Double approximationLoss, Double approximationPredictedLoss,
            Double allInOneLoss, Double independentLoss, GroupingView exact, GroupingView approximation) {

        static Point of(CurvePoint p) {
            return new Point(p.budget(), p.exactLoss(), p.approximationLoss(), p.approximationPredictedLoss(),
                    p.allInOneLoss(), p.independentLoss(), GroupingView.of(p.exact()), GroupingView.of(p.approximation()));
        }
    }
}
