package io.mtlboard.analysis.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Branch-and-bound against exhaustive search over every affordable set of networks. */
class BranchAndBoundCrossCheckTest {

    /** All 2^n − 1 full-size subset networks and n small single-task networks, random losses. */
    private static GroupingProblem randomProblem(int taskCount, long seed) {
        Random random = new Random(seed);
        List<String> tasks = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
            tasks.add("t" + t);
        }
        List<Network> networks = new ArrayList<>();
        for (int mask = 1; mask < 1 << taskCount; mask++) {
            Map<String, Double> losses = new TreeMap<>();
            for (int t = 0; t < taskCount; t++) {
                if ((mask & 1 << t) != 0) {
                    losses.put(tasks.get(t), 0.1 + random.nextDouble());
                }
            }
            networks.add(new Network(losses, 1.0));
        }
        for (String task : tasks) {
            networks.add(new Network(Map.of(task, 0.3 + random.nextDouble()), 0.5));
        }
        return new GroupingProblem(tasks, networks);
    }

    /** The lowest total loss over every set of networks within the budget, by plain enumeration. */
    private static Optional<Double> exhaustive(GroupingProblem problem, double budget) {
        double[] best = {Double.POSITIVE_INFINITY};
        enumerate(problem, 0, budget, new ArrayList<>(), best);
        return best[0] == Double.POSITIVE_INFINITY ? Optional.empty() : Optional.of(best[0]);
    }

    private static void enumerate(
            GroupingProblem problem,
            int next,
            double budgetLeft,
            List<Network> chosen,
            double[] best) {
        if (next == problem.networks().size()) {
            boolean covers =
                    chosen.stream().flatMap(n -> n.tasks().stream()).distinct().count()
                            == problem.tasks().size();
            if (covers) {
                best[0] = Math.min(best[0], Grouping.of(problem.tasks(), chosen).totalLoss());
            }
            return;
        }
        enumerate(problem, next + 1, budgetLeft, chosen, best);
        Network n = problem.networks().get(next);
        if (n.cost() <= budgetLeft + 1e-9) {
            chosen.add(n);
            enumerate(problem, next + 1, budgetLeft - n.cost(), chosen, best);
            chosen.remove(chosen.size() - 1);
        }
    }

    @ParameterizedTest(name = "{0} tasks, seed {1}, budgets up to {2}")
    @CsvSource({
        "3, 1, 4",
        "3, 2, 4",
        "4, 3, 4",
        "4, 4, 4",
        "4, 5, 4",
        "4, 6, 4",
        "4, 7, 4",
        "4, 8, 4",
        "5, 9, 3",
        "5, 10, 3",
        "5, 11, 3",
        "5, 12, 3"
    })
    void shouldAgreeWithExhaustiveSearch(int taskCount, long seed, double maxBudget) {
        GroupingProblem problem = randomProblem(taskCount, seed);
        for (double budget = 0.5; budget <= maxBudget; budget += 0.5) {
            Optional<Double> expected = exhaustive(problem, budget);
            Optional<Grouping> found = TaskGrouping.best(problem, budget);
            assertThat(found.isPresent()).as("budget %s", budget).isEqualTo(expected.isPresent());
            if (found.isPresent()) {
                Grouping g = found.get();
                assertThat(g.totalLoss())
                        .as("budget %s", budget)
                        .isCloseTo(expected.get(), within(1e-9));
                assertThat(g.cost()).isLessThanOrEqualTo(budget + 1e-9);
                // the reported score is the score of the reported networks
                assertThat(Grouping.of(problem.tasks(), g.networks()).totalLoss())
                        .isCloseTo(g.totalLoss(), within(1e-12));
            }
        }
    }
}
