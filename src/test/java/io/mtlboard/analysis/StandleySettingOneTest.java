package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.grouping.BudgetCurve;
import io.mtlboard.analysis.grouping.CurvePoint;
import io.mtlboard.analysis.grouping.Grouping;
import io.mtlboard.analysis.grouping.GroupingStudy;
import io.mtlboard.analysis.grouping.Network;
import io.mtlboard.analysis.grouping.PairwiseAffinity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in data set {@code standley2020-setting1} (Standley et al., ICML 2020, Setting 1) against
 * the paper's published numbers: the curves of Fig. 3 as the authors' {@code make_plots.py} lists
 * them (to 5 decimals) and Tables 2 and 3 (to 2 decimals). Networks are chosen on the validation
 * losses (the 20 % losses for ESA, pair networks and their predictions for HOA) and scored on the
 * test losses, as the paper does. Expected values are typed from the publication, not read from the
 * data set's own file.
 */
class StandleySettingOneTest {

    private static final double[] BUDGETS = {1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5};
    private static final double[] OPTIMAL = {
        0.50273, 0.46132, 0.45224, 0.44612, 0.44235, 0.43932, 0.43555, 0.43555, 0.43481
    };
    private static final double[] HOA = {
        0.50278, 0.46132, 0.45474, 0.4505, 0.44875, 0.44489, 0.44112, 0.44552, 0.44196
    };
    private static final double[] ESA = {
        0.50273, 0.48732, 0.46727, 0.46063, 0.45722, 0.45058, 0.45058, 0.44742, 0.44742
    };

    /** Test losses summed over the five tasks of the all-task network. */
    private static final double ALL_TASK_NETWORK = 0.07603 + 0.186 + 0.09976 + 0.09704 + 0.04395;

    private static GroupingDatasets.Dataset dataset;
    private static List<CurvePoint> curve;

    @BeforeAll
    static void load() {
        dataset =
                GroupingDatasets.read(
                        Path.of(
                                "benchmarks-data/task-grouping/standley2020-setting1/dataset.json"));
        curve =
                BudgetCurve.of(
                        dataset.study(),
                        dataset.descriptor().budgets(),
                        dataset.descriptor().higherOrderCost());
    }

    private static void assertCurve(
            Function<CurvePoint, Double> strategy, double[] published, int from) {
        for (int i = from; i < BUDGETS.length; i++) {
            assertThat(curve.get(i).budget()).isEqualTo(BUDGETS[i]);
            assertThat(strategy.apply(curve.get(i)))
                    .as("budget %s", BUDGETS[i])
                    .isCloseTo(published[i], within(5e-6));
        }
    }

    private static Network network(GroupingStudy study, String... tasks) {
        return study.selection().networks().stream()
                .filter(n -> n.tasks().equals(Set.of(tasks)) && n.cost() == 1)
                .findFirst()
                .orElseThrow();
    }

    private static Network half(GroupingStudy study, String task) {
        return study.selection().networks().stream()
                .filter(n -> n.tasks().equals(Set.of(task)) && n.cost() == 0.5)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldHoldAllThirtySixNetworksInEveryTable() {
        GroupingStudy s = dataset.study();
        assertThat(s.tasks()).containsExactly("semseg", "depth", "normals", "keypoints", "edges");
        for (var table : List.of(s.selection(), s.evaluation(), s.earlyStopping())) {
            assertThat(table.networks()).hasSize(36);
            assertThat(table.networks().stream().filter(n -> n.cost() == 0.5)).hasSize(5);
        }
        assertThat(dataset.descriptor().budgets())
                .containsExactly(1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0);
    }

    @Test
    void shouldReproduceThePublishedOptimalCurveFromBudgetOneAndAHalf() {
        assertCurve(CurvePoint::exactLoss, OPTIMAL, 1);
    }

    /**
     * Published optimal (and ESA, all-in-one) at budget 1: 0.50273. Within budget 1 the only cover
     * of all five tasks is the all-task network (two half-size networks cover two tasks), whose test
     * losses sum to 0.50278 — the value the published HOA, random and worst curves give at budget 1.
     * The published 0.50273 therefore does not follow from the published tables.
     */
    @Test
    void
            shouldScoreTheAllTaskNetworkAtBudgetOneWhereThePublishedOptimumDoesNotFollowFromTheTables() {
        CurvePoint p = curve.get(0);
        assertThat(p.exact().selected().networks())
                .singleElement()
                .satisfies(n -> assertThat(n.tasks()).hasSize(5));
        assertThat(p.exactLoss())
                .isCloseTo(ALL_TASK_NETWORK, within(1e-12))
                .isCloseTo(0.50278, within(5e-6))
                .isNotCloseTo(OPTIMAL[0], within(5e-6));
        assertThat(p.earlyStoppingLoss()).isCloseTo(ALL_TASK_NETWORK, within(1e-12));
        assertThat(p.approximationLoss()).isCloseTo(HOA[0], within(5e-6));
    }

    @Test
    void shouldReproduceThePublishedHigherOrderApproximationCurve() {
        assertCurve(CurvePoint::approximationLoss, HOA, 0);
        // HOA never uses a trained network on three or more tasks to choose: only pairs, singles
        // and predictions
        assertThat(curve.get(4).approximation().selected().networks())
                .allSatisfy(
                        n -> {
                            if (n.tasks().size() >= 3) {
                                assertThat(dataset.study().selection().networks())
                                        .doesNotContain(n);
                            }
                        });
    }

    /**
     * At 4.5 and 5 two HOA choices tie on the validation losses: depth's loss is 0.1695 both on its
     * single-task network and on the depth+normals pair. The published points are the choice with
     * the single-task depth network, which MTLBoard's tie-break (fewer decoders) also takes; the
     * other choice scores 0.44532 and 0.44176 on test.
     */
    @Test
    void shouldBreakTheHigherOrderTieAtFourAndAHalfAsThePublishedCurveDoes() {
        GroupingStudy s = dataset.study();
        Grouping published = curve.get(7).approximation().selected();
        assertThat(published.networks())
                .contains(network(s, "depth"))
                .doesNotContain(network(s, "depth", "normals"));
        List<Network> other =
                published.networks().stream()
                        .filter(n -> !n.tasks().equals(Set.of("depth")))
                        .collect(Collectors.toList());
        other.add(network(s, "depth", "normals"));
        Grouping alternative = Grouping.of(s.tasks(), other);
        assertThat(alternative.cost()).isEqualTo(published.cost());
        assertThat(alternative.totalLoss()).isCloseTo(published.totalLoss(), within(1e-12));
        assertThat(s.evaluate(alternative).orElseThrow().totalLoss())
                .isCloseTo(0.44532, within(5e-6));
    }

    @Test
    void shouldReproduceThePublishedEarlyStoppingCurveFromBudgetOneAndAHalf() {
        // budget 1: the all-task network again (see the optimal curve)
        assertCurve(CurvePoint::earlyStoppingLoss, ESA, 1);
    }

    /**
     * At 4 (and 5) the cheapest ESA choice ties on the 20 % losses with the same networks plus a
     * half-size single-task network that improves no task there. The published point is the cheapest
     * choice; adding the half-size depth network would score 0.45038 on test.
     */
    @Test
    void shouldPreferTheCheaperOfTiedEarlyStoppingChoicesAsThePublishedCurveDoes() {
        GroupingStudy s = dataset.study();
        CurvePoint p = curve.get(6);
        assertThat(p.earlyStopping().selected().cost()).isEqualTo(3.5);
        List<Network> padded = new ArrayList<>(p.earlyStopping().selected().networks());
        padded.add(
                s.earlyStopping().networks().stream()
                        .filter(n -> n.tasks().equals(Set.of("depth")) && n.cost() == 0.5)
                        .findFirst()
                        .orElseThrow());
        Grouping tie = Grouping.of(s.tasks(), padded);
        assertThat(tie.totalLoss()).isCloseTo(p.earlyStopping().selectionLoss(), within(1e-12));
        assertThat(tie.cost()).isEqualTo(4.0);
        assertThat(s.evaluate(tie).orElseThrow().totalLoss()).isCloseTo(0.45038, within(5e-6));
    }

    /**
     * The paper's independent curve is five equal networks of budget/5 SNT: at 2.5 the five
     * half-size networks (0.46515, reproduced), at 5 the five 1-SNT networks (0.44774). MTLBoard's
     * independent strategy chooses among the single-task networks on validation losses and at 5
     * takes the half-size semantic-segmentation network (validation 0.08021 &lt; 0.08039), which scores
     * worse on test (0.07742 against 0.07662): 0.44854.
     */
    @Test
    void shouldRecomputeTheIndependentPointsBuiltFromTheTablesOwnNetworks() {
        assertThat(curve.get(3).independentLoss()).isCloseTo(0.46515, within(5e-6));
        assertThat(curve.get(3).independent().selected().networks())
                .allSatisfy(n -> assertThat(n.cost()).isEqualTo(0.5));
        assertThat(curve.get(8).independentLoss())
                .isCloseTo(0.44774 + 0.07742 - 0.07662, within(1e-9));
        assertThat(curve.get(8).independent().selected().networks())
                .contains(half(dataset.study(), "semseg"));
        assertThat(curve.get(2).independent()).isNull();
        assertThat(half(dataset.study(), "edges").loss("edges")).isEqualTo(0.03313);
    }

    /** Table 2 of the paper, rows = the partner task, columns = the task measured, in %. */
    @Test
    void shouldRecomputeThePublishedPairwiseTables() {
        PairwiseAffinity a = PairwiseAffinity.of(dataset.study().evaluation());
        double[][] table2 = {
            {Double.NaN, -5.41, -11.29, -4.32, -34.64},
            {4.17, Double.NaN, -3.55, 3.49, 3.76},
            {8.50, 2.48, Double.NaN, 1.37, 12.33},
            {4.82, 1.38, -0.02, Double.NaN, -5.26},
            {3.07, -0.92, -4.42, 1.37, Double.NaN}
        };
        double[] rowAverage = {-13.92, 1.97, 6.17, 0.23, -0.23};
        double[] columnAverage = {5.14, -0.62, -4.82, 0.48, -5.95};
        for (int p = 0; p < 5; p++) {
            for (int t = 0; t < 5; t++) {
                if (p == t) {
                    assertThat(a.change().get(p).get(t)).isNull();
                } else {
                    assertThat(a.change().get(p).get(t))
                            .as("%d,%d", p, t)
                            .isCloseTo(table2[p][t], within(0.005));
                }
            }
            assertThat(a.partnerAverage().get(p)).isCloseTo(rowAverage[p], within(0.005));
            assertThat(a.taskAverage().get(p)).isCloseTo(columnAverage[p], within(0.005));
        }
        assertThat(a.overall()).isCloseTo(-1.15, within(0.005));
        // Table 3: the affinity of each pair, the mean of Table 2 and its transpose
        assertThat(a.affinity().get(0).get(1)).isCloseTo(-0.62, within(0.005));
        assertThat(a.affinity().get(0).get(4)).isCloseTo(-15.78, within(0.005));
        assertThat(a.affinity().get(2).get(4)).isCloseTo(3.95, within(0.005));
        assertThat(a.affinity().get(3).get(4)).isCloseTo(-1.95, within(0.005));
        assertThat(a.affinity().get(4).get(3)).isEqualTo(a.affinity().get(3).get(4));
        assertThat(a.baselineCosts()).containsOnly(0.5);
    }
}
