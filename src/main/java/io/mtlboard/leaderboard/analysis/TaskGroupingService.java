package io.mtlboard.leaderboard.analysis;

import io.mtlboard.analysis.grouping.BudgetCurve;
import io.mtlboard.analysis.grouping.CurvePoint;
import io.mtlboard.analysis.grouping.GroupingProblem;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Task grouping (Standley et al., ICML 2020; METRICS.md §6) on a table of networks trained on
 * task subsets: the built-in hand-made example or a pasted CSV ({@link GroupingTable}).
 */
@ApplicationScoped
public class TaskGroupingService {

    static final String EXAMPLE = "/analysis/task-grouping-example.csv";
    static final double DEFAULT_BUDGET = 2;
    /** Budgets beyond this are refused: no table has networks costing that much in total. */
    static final double MAX_BUDGET = 64;

    /** The analysis of the built-in hand-made example table. */
    public TaskGroupingView example(String budget) {
        return analyse("example", "Hand-made example (invented losses, not measured data)", example(), budget);
    }

    /** The analysis of a pasted table. */
    public TaskGroupingView pasted(String csv, String budget) {
        return analyse("pasted", "Pasted table", csv, budget);
    }

    /** The built-in example table as CSV. */
    public String example() {
        try (InputStream in = getClass().getResourceAsStream(EXAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TaskGroupingView analyse(String input, String title, String csv, String budget) {
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
            throw new InvalidInputProblem(violations.size() + " problem(s) in the task-grouping request", violations);
        }
        GroupingProblem problem = new GroupingProblem(table.tasks(), table.networks());
        List<Double> budgets = budgets(table.tasks().size());
        double chosen = requested == null ? Math.min(DEFAULT_BUDGET, budgets.get(budgets.size() - 1)) : requested;
        List<CurvePoint> curve = BudgetCurve.of(problem, budgets);
        CurvePoint selected = budgets.contains(chosen) ? curve.get(budgets.indexOf(chosen))
                : BudgetCurve.of(problem, List.of(chosen)).get(0);
        List<String> notes = new ArrayList<>();
        if (selected.exactLoss() == null) {
            notes.add("No set of networks covers every task within a budget of " + chosen + ".");
        }
        return new TaskGroupingView(input, title, csv, table.tasks(),
                table.networks().stream().map(TaskGroupingView.NetworkView::of).toList(),
                curve.stream().map(TaskGroupingView.Point::of).toList(), TaskGroupingView.Point.of(selected), notes);
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
