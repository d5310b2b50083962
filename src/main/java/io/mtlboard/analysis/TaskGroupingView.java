package io.mtlboard.analysis;

import io.mtlboard.analysis.grouping.Choice;
import io.mtlboard.analysis.grouping.CurvePoint;
import io.mtlboard.analysis.grouping.Network;
import io.mtlboard.analysis.grouping.PairwiseAffinity;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/POST /api/analysis/task-grouping}: which tasks to train together under an inference
 * budget (Standley et al., ICML 2020; METRICS.md §6), from a built-in data set (networks chosen on
 * validation losses, scored on test losses) or a pasted table (chosen and scored on its losses).
 * Losses are totals over all tasks, lower is better.
 *
 * @param input the data set id (e.g. {@code standley2020-setting1}) or {@code pasted}
 * @param csv the table networks are chosen on, as CSV
 * @param networks the table: every candidate network with its cost and per-task losses
 * @param curve the loss-vs-budget curves over the data set's budgets (1, 1.5, …, number of tasks)
 * @param selected the point at the requested budget
 * @param datasets the built-in data sets
 * @param source where a data set's numbers come from; null for a pasted table
 * @param published the published curves of the data set, one value (or null) per budget of
 *     {@code curve}; empty for a pasted table
 * @param comparison every published point of a recomputed strategy against its recomputation
 * @param affinity the pairwise relationships (Standley et al. Tables 2 and 3) recomputed from the
 *     evaluation losses
 */
public record TaskGroupingView(
        String input,
        String title,
        String csv,
        List<String> tasks,
        List<NetworkView> networks,
        List<Point> curve,
        Point selected,
        List<String> notes,
        List<DatasetChoice> datasets,
        SourceView source,
        Map<String, String> taskLabels,
        List<PublishedCurve> published,
        List<Comparison> comparison,
        PairwiseAffinity affinity) {

    /**
     * A candidate network: the tasks it solves, its inference cost and its loss per task on the
     * selection table ({@code losses}), the evaluation table and the early-stopped table (the last
     * two null for a pasted table).
     */
    public record NetworkView(
            List<String> tasks,
            double cost,
            Map<String, Double> losses,
            Map<String, Double> evaluationLosses,
            Map<String, Double> earlyStoppingLosses) {

        static NetworkView of(Network n) {
            return new NetworkView(List.copyOf(n.tasks()), n.cost(), n.losses(), null, null);
        }
    }

    /**
     * A chosen set of networks: {@code totalLoss} and {@code taskLosses} are the evaluation losses
     * (null when a chosen network was never evaluated, e.g. a prediction of the higher-order
     * approximation), {@code selectionLoss} the total the choice was made on.
     */
    public record GroupingView(
            List<NetworkView> networks,
            double cost,
            Double totalLoss,
            Map<String, Double> taskLosses,
            double selectionLoss) {

        static GroupingView of(Choice c) {
            return c == null
                    ? null
                    : new GroupingView(
                            c.selected().networks().stream().map(NetworkView::of).toList(),
                            c.selected().cost(),
                            c.loss(),
                            c.evaluated() == null ? null : c.evaluated().taskLosses(),
                            c.selectionLoss());
        }
    }

    /**
     * One budget of the curves ({@link CurvePoint}); a loss is null when nothing fits the budget.
     * Every loss is the evaluated total loss of the strategy's choice.
     *
     * @param approximationPredictedLoss what the higher-order approximation predicted for its choice
     * @param earlyStoppingLoss the early-stopping approximation's choice; null without early-stopped losses
     */
    public record Point(
            double budget,
            Double exactLoss,
            Double approximationLoss,
            Double approximationPredictedLoss,
            Double allInOneLoss,
            Double independentLoss,
            Double earlyStoppingLoss,
            GroupingView exact,
            GroupingView approximation,
            GroupingView earlyStopping,
            GroupingView allInOne,
            GroupingView independent) {

        static Point of(CurvePoint p) {
            return new Point(
                    p.budget(),
                    p.exactLoss(),
                    p.approximationLoss(),
                    p.approximationPredictedLoss(),
                    p.allInOneLoss(),
                    p.independentLoss(),
                    p.earlyStoppingLoss(),
                    GroupingView.of(p.exact()),
                    GroupingView.of(p.approximation()),
                    GroupingView.of(p.earlyStopping()),
                    GroupingView.of(p.allInOne()),
                    GroupingView.of(p.independent()));
        }
    }

    /** A built-in data set the page offers. */
    public record DatasetChoice(String id, String title) {}

    /**
     * Where a data set comes from, in one line each: the paper (with link), the repository its
     * tables were copied from, the protocol, and where the published curves were read.
     */
    public record SourceView(
            String citation,
            String paper,
            String source,
            String protocol,
            String publishedSource) {}

    /** One published curve: one value per budget of the view's curve, null where not evaluated. */
    public record PublishedCurve(String strategy, String label, List<Double> values) {}

    /**
     * A published point of a strategy MTLBoard recomputes: {@code agrees} when they differ by at most
     * half a unit of the 5th decimal (the precision of the publication); {@code note} explains a
     * published point that a recomputation from the tables cannot give, where the data set has one.
     */
    public record Comparison(
            String strategy,
            double budget,
            Double published,
            Double recomputed,
            boolean agrees,
            String note) {}
}
