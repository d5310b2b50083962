package io.mtlboard.analysis;

import io.mtlboard.analysis.grouping.BudgetCurve;
import io.mtlboard.analysis.grouping.CurvePoint;
import io.mtlboard.analysis.grouping.GroupingProblem;
import io.mtlboard.analysis.grouping.GroupingStudy;
import io.mtlboard.analysis.grouping.Network;
import io.mtlboard.analysis.grouping.PairwiseAffinity;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Task grouping (Standley et al., ICML 2020; METRICS.md §6) on a built-in data set
 * ({@code <benchmarks-dir>/task-grouping/<id>/}, {@link GroupingDatasets}) or a pasted CSV
 * ({@link GroupingTable}). A data set's curves are computed once and kept.
 */
@ApplicationScoped
public class TaskGroupingService {

    /** The data set the page opens on. */
    public static final String DEFAULT_DATASET = "standley2020-setting1";

    static final double DEFAULT_BUDGET = 2;

    /** Budgets beyond this are refused: no table has networks costing that much in total. */
    static final double MAX_BUDGET = 64;

    /** Half a unit of the 5th decimal, the precision of the published curves. */
    static final double PUBLISHED_PRECISION = 5e-6 + 1e-12;

    private static final Map<String, Function<CurvePoint, Double>> RECOMPUTED =
            Map.of(
                    "optimal",
                    CurvePoint::exactLoss,
                    "hoa",
                    CurvePoint::approximationLoss,
                    "esa",
                    CurvePoint::earlyStoppingLoss,
                    "independent",
                    CurvePoint::independentLoss,
                    "all_in_one",
                    CurvePoint::allInOneLoss);

    private final MtlboardConfig config;
    private volatile Map<String, GroupingDatasets.Dataset> datasets;
    private final Map<String, List<CurvePoint>> curves = new ConcurrentHashMap<>();

    public TaskGroupingService(MtlboardConfig config) {
        this.config = config;
    }

    /** The analysis of a built-in data set (default {@value #DEFAULT_DATASET}). */
    public TaskGroupingView dataset(String id, String budget) {
        Checks checks = new Checks();
        List<String> ids = List.copyOf(datasets().keySet());
        String chosenId =
                checks.one(
                        "dataset",
                        id,
                        ids,
                        ids.contains(DEFAULT_DATASET) || ids.isEmpty()
                                ? DEFAULT_DATASET
                                : ids.get(0));
        Double requested = checks.number("budget", budget, 0, MAX_BUDGET);
        checks.done("task grouping");
        GroupingDatasets.Dataset d =
                Optional.ofNullable(datasets().get(chosenId))
                        .orElseThrow(
                                () ->
                                        new InvalidInputProblem(
                                                "no task-grouping data set is installed",
                                                List.of(
                                                        new Violation(
                                                                "dataset",
                                                                "no data set under " + dir()))));
        GroupingDatasets.Descriptor info = d.descriptor();
        List<CurvePoint> curve =
                curves.computeIfAbsent(
                        chosenId,
                        k -> BudgetCurve.of(d.study(), info.budgets(), info.higherOrderCost()));
        CurvePoint selected =
                point(d.study(), info.budgets(), curve, requested, info.higherOrderCost());
        List<TaskGroupingView.PublishedCurve> published = new ArrayList<>();
        info.published()
                .forEach(
                        (strategy, values) ->
                                published.add(
                                        new TaskGroupingView.PublishedCurve(
                                                strategy,
                                                info.publishedLabels()
                                                        .getOrDefault(strategy, strategy),
                                                values)));
        return new TaskGroupingView(
                chosenId,
                info.title(),
                d.selectionCsv(),
                d.study().tasks(),
                networks(d.study()),
                curve.stream().map(TaskGroupingView.Point::of).toList(),
                TaskGroupingView.Point.of(selected),
                notes(selected),
                choices(),
                new TaskGroupingView.SourceView(
                        info.citation(),
                        info.paper(),
                        info.source(),
                        info.protocol(),
                        info.publishedSource()),
                info.taskLabels(),
                published,
                comparison(info, curve),
                PairwiseAffinity.of(d.study().evaluation()));
    }

    /** The analysis of a pasted table: networks are chosen and scored on its losses. */
    public TaskGroupingView pasted(String csv, String budget) {
        Checks checks = new Checks();
        Double requested = checks.number("budget", budget, 0, MAX_BUDGET);
        GroupingTable.Parsed table = GroupingTable.parse(csv);
        List<Violation> violations = new ArrayList<>(table.violations());
        try {
            checks.done("task grouping");
        } catch (InvalidInputProblem e) {
            violations.addAll(0, e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(
                    violations.size() + " problem(s) in the task-grouping request", violations);
        }
        GroupingStudy study =
                GroupingStudy.of(new GroupingProblem(table.tasks(), table.networks()));
        List<Double> budgets = budgets(table.tasks().size());
        List<CurvePoint> curve = BudgetCurve.of(study, budgets, 1.0);
        CurvePoint selected = point(study, budgets, curve, requested, 1.0);
        return new TaskGroupingView(
                "pasted",
                "Pasted table",
                csv,
                table.tasks(),
                table.networks().stream().map(TaskGroupingView.NetworkView::of).toList(),
                curve.stream().map(TaskGroupingView.Point::of).toList(),
                TaskGroupingView.Point.of(selected),
                notes(selected),
                choices(),
                null,
                Map.of(),
                List.of(),
                List.of(),
                PairwiseAffinity.of(study.evaluation()));
    }

    private static CurvePoint point(
            GroupingStudy study,
            List<Double> budgets,
            List<CurvePoint> curve,
            Double requested,
            double higherOrderCost) {
        double chosen =
                requested == null
                        ? Math.min(DEFAULT_BUDGET, budgets.get(budgets.size() - 1))
                        : requested;
        return budgets.contains(chosen)
                ? curve.get(budgets.indexOf(chosen))
                : BudgetCurve.of(study, List.of(chosen), higherOrderCost).get(0);
    }

    private static List<String> notes(CurvePoint selected) {
        return selected.exact() == null
                ? List.of(
                        "No set of networks covers every task within a budget of "
                                + selected.budget()
                                + ".")
                : List.of();
    }

    /** Every network with its losses on each table of the study. */
    private static List<TaskGroupingView.NetworkView> networks(GroupingStudy study) {
        return study.selection().networks().stream()
                .map(
                        n ->
                                new TaskGroupingView.NetworkView(
                                        List.copyOf(n.tasks()),
                                        n.cost(),
                                        n.losses(),
                                        losses(study.evaluation(), n),
                                        losses(study.earlyStopping(), n)))
                .toList();
    }

    private static Map<String, Double> losses(GroupingProblem table, Network n) {
        return table == null
                ? null
                : table.networks().stream()
                        .filter(m -> m.tasks().equals(n.tasks()) && m.cost() == n.cost())
                        .findFirst()
                        .map(Network::losses)
                        .orElse(null);
    }

    private static List<TaskGroupingView.Comparison> comparison(
            GroupingDatasets.Descriptor info, List<CurvePoint> curve) {
        List<TaskGroupingView.Comparison> rows = new ArrayList<>();
        info.published()
                .forEach(
                        (strategy, values) -> {
                            Function<CurvePoint, Double> recomputed = RECOMPUTED.get(strategy);
                            for (int i = 0; recomputed != null && i < values.size(); i++) {
                                Double published = values.get(i);
                                if (published == null) {
                                    continue;
                                }
                                Double mine = recomputed.apply(curve.get(i));
                                boolean agrees =
                                        mine != null
                                                && Math.abs(mine - published)
                                                        <= PUBLISHED_PRECISION;
                                rows.add(
                                        new TaskGroupingView.Comparison(
                                                strategy,
                                                info.budgets().get(i),
                                                published,
                                                mine,
                                                agrees,
                                                note(info, strategy, info.budgets().get(i))));
                            }
                        });
        return rows;
    }

    private static String note(GroupingDatasets.Descriptor info, String strategy, double budget) {
        return info.publishedNotes().stream()
                .filter(n -> n.strategies().contains(strategy) && n.budgets().contains(budget))
                .map(GroupingDatasets.PublishedNote::note)
                .findFirst()
                .orElse(null);
    }

    private List<TaskGroupingView.DatasetChoice> choices() {
        return datasets().values().stream()
                .map(
                        d ->
                                new TaskGroupingView.DatasetChoice(
                                        d.descriptor().id(), d.descriptor().title()))
                .toList();
    }

    private Map<String, GroupingDatasets.Dataset> datasets() {
        Map<String, GroupingDatasets.Dataset> loaded = datasets;
        if (loaded == null) {
            loaded = GroupingDatasets.load(dir());
            datasets = loaded;
        }
        return loaded;
    }

    private Path dir() {
        return Path.of(config.benchmarksDir(), "task-grouping");
    }

    /** 1, 1.5, …, the number of tasks: the budgets of the published curves. */
    static List<Double> budgets(int tasks) {
        List<Double> budgets = new ArrayList<>();
        for (double b = 1; b <= tasks + 1e-9; b += 0.5) {
            budgets.add(b);
        }
        return budgets;
    }
}
