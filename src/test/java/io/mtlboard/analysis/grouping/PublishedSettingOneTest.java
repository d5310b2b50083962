package io.mtlboard.analysis.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The solver against the published Setting-1 curves of Standley et al. (ICML 2020; METRICS.md
 * §6), from the authors' validation and test losses (fixtures/standley-setting1): networks are
 * chosen on validation losses and scored by their test losses, as in the authors' code.
 */
class PublishedSettingOneTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures/standley-setting1");
    private static final List<String> TASKS = List.of("t1", "t2", "t3", "t4", "t5");
    private static final double[] BUDGETS = {1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5};
    private static final double[] OPTIMAL = {0.50273, 0.46132, 0.45224, 0.44612, 0.44235, 0.43932, 0.43555, 0.43555,
        0.43481};
    private static final double[] HIGHER_ORDER = {0.50278, 0.46132, 0.45474, 0.4505, 0.44875, 0.44489, 0.44112,
        0.44552, 0.44196};

    /** The authors' table format: first line the half-size single-task networks, then full-size ones. */
    static GroupingProblem read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        List<Network> networks = new ArrayList<>();
        String[] half = lines.get(0).split("\t", -1);
        for (int t = 0; t < TASKS.size(); t++) {
            networks.add(new Network(Map.of(TASKS.get(t), Double.parseDouble(half[t])), 0.5));
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, Double> losses = new TreeMap<>();
            for (int t = 0; t < TASKS.size(); t++) {
                if (t < cells.length && !cells[t].isBlank()) {
                    losses.put(TASKS.get(t), Double.parseDouble(cells[t]));
                }
            }
            networks.add(new Network(losses, 1));
        }
        return new GroupingProblem(TASKS, networks);
    }

    /** The test loss of the networks chosen on validation losses (same tasks and cost). */
    static double testLoss(Grouping chosen, GroupingProblem test) {
        List<Network> measured = chosen.networks().stream().map(n -> test.networks().stream()
                .filter(m -> m.tasks().equals(n.tasks()) && m.cost() == n.cost()).findFirst().orElseThrow()).toList();
        return Grouping.of(TASKS, measured).totalLoss();
    }

    @Test
    void shouldReproduceThePublishedOptimalCurve() throws IOException {
        GroupingProblem validation = read(DIR.resolve("validation.tsv"));
        GroupingProblem test = read(DIR.resolve("test.tsv"));
        assertThat(validation.networks()).hasSize(36);
        for (int i = 1; i < BUDGETS.length; i++) {
            Grouping chosen = TaskGrouping.best(validation, BUDGETS[i]).orElseThrow();
            assertThat(chosen.cost()).isLessThanOrEqualTo(BUDGETS[i]);
            assertThat(testLoss(chosen, test)).as("budget %s", BUDGETS[i]).isCloseTo(OPTIMAL[i], within(5e-6));
        }
    }

    /**
     * At budget 1 the only set of networks covering all five tasks within the budget is the all-task
     * network, so the optimum and the approximation must agree. The published curves give 0.50278
     * for the approximation and 0.50273 for the optimum; the authors' test table gives 0.50278 for
     * that network, so the published optimum at budget 1 does not follow from the published tables.
     */
    @Test
    void shouldFindTheAllTaskNetworkAsTheOnlyChoiceAtBudgetOne() throws IOException {
        GroupingProblem validation = read(DIR.resolve("validation.tsv"));
        GroupingProblem test = read(DIR.resolve("test.tsv"));
        Grouping chosen = TaskGrouping.best(validation, 1).orElseThrow();
        assertThat(chosen.networks()).singleElement().satisfies(n -> assertThat(n.tasks()).hasSize(5));
        assertThat(testLoss(chosen, test)).isCloseTo(HIGHER_ORDER[0], within(5e-6));
        assertThat(testLoss(chosen, test)).isNotCloseTo(OPTIMAL[0], within(5e-6));
    }

    @Test
    void shouldReproduceThePublishedHigherOrderApproximationCurve() throws IOException {
        GroupingProblem validation = read(DIR.resolve("validation.tsv"));
        GroupingProblem test = read(DIR.resolve("test.tsv"));
        GroupingProblem approximated = HigherOrderApproximation.approximate(validation, 1.0);
        for (int i = 0; i < BUDGETS.length; i++) {
            Grouping chosen = TaskGrouping.best(approximated, BUDGETS[i]).orElseThrow();
            assertThat(testLoss(chosen, test)).as("budget %s", BUDGETS[i]).isCloseTo(HIGHER_ORDER[i], within(5e-6));
        }
    }
}
