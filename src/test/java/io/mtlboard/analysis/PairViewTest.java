package io.mtlboard.analysis;

import static io.mtlboard.analysis.Rows.log;
import static io.mtlboard.analysis.Rows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.Published;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairViewTest {

    private static AnalysisRow row(String level, double mean, Double std, List<RunSummary> runs) {
        return Rows.of(
                "r-" + level,
                "MGDA · " + level,
                "bench",
                "mgda",
                "MGDA",
                "MGDA",
                "lenet5",
                "LeNet-5",
                "adam",
                level,
                "claimed",
                null,
                List.of(1L, 2L),
                new LeaderboardView.Stat(mean, std, 2),
                Map.of(),
                runs);
    }

    @Test
    void shouldCompareTheSecondRowWithTheFirst() {
        // Δm 0.5 ± 0.2 and 1.5 ± 0.3: difference 1.0 > 0.5, clear; time 2 × 10 s against 2 × 10 s ×
        // (8/10)
        AnalysisRow param = row("param", 0.5, 0.2, List.of(run(1, log("fd.value", 0.1, 0.2))));
        List<LogEpoch> faster =
                List.of(new LogEpoch(1, 8.0, Map.of()), new LogEpoch(2, 8.0, Map.of()));
        AnalysisRow feature = row("feature", 1.5, 0.3, List.of(run(2, faster)));
        PairView p = PairView.of(new Pairing.Pair(param, feature), "gradientLevel");
        assertThat(p.method()).isEqualTo("mgda");
        assertThat(p.first().setting()).isEqualTo("param");
        assertThat(p.first().other()).isEqualTo("adam");
        assertThat(p.second().seeds()).isEqualTo(2);
        assertThat(p.difference()).isCloseTo(1.0, within(1e-12));
        assertThat(p.secondBetter()).isTrue();
        assertThat(p.clear()).isTrue();
        assertThat(p.first().trainingSeconds().mean()).isCloseTo(20.0, within(1e-12));
        assertThat(p.timeRatio()).isCloseTo(0.8, within(1e-12));
        assertThat(p.timeBasis()).isEqualTo(PairView.LOGGED);
    }

    @Test
    void shouldNotCallADifferenceWithinTheSeedSpreadClear() {
        AnalysisRow sgd = row("param", 0.5, 0.4, List.of());
        AnalysisRow adam = row("param", 0.2, 0.4, List.of());
        PairView p = PairView.of(new Pairing.Pair(sgd, adam), "optimizer");
        assertThat(p.first().setting()).isEqualTo("adam");
        assertThat(p.difference()).isCloseTo(-0.3, within(1e-12));
        assertThat(p.secondBetter()).isFalse();
        assertThat(p.clear()).isFalse();
        assertThat(p.timeRatio()).isNull();
        AnalysisRow oneSeed = row("param", 0.2, null, List.of());
        assertThat(PairView.of(new Pairing.Pair(sgd, oneSeed), "optimizer").clear()).isNull();
    }

    private static AnalysisRow seeded(String method, String level, double mean, Double std, int n) {
        return Rows.of(
                "r-" + method + "-" + level,
                method + " · " + level,
                "bench",
                method,
                method,
                method,
                "lenet5",
                "LeNet-5",
                "adam",
                level,
                "reference",
                null,
                List.of(1L),
                new LeaderboardView.Stat(mean, std, n),
                Map.of(),
                List.of());
    }

    /**
     * Rows of one setting: {@code twoSeeded} methods of two seeds with a Δm std of 0.3 each (one
     * degree of freedom each), a single-task row of three seeds (not pooled), and MoCo at one seed
     * at both levels.
     */
    private static List<AnalysisRow> setting(int twoSeeded, double feature) {
        List<AnalysisRow> rows = new java.util.ArrayList<>();
        for (int m = 0; m < twoSeeded; m++) {
            rows.add(seeded("m" + m, "param", -1.0 - 0.1 * m, 0.3, 2));
        }
        rows.add(
                Rows.of(
                        "r-stl",
                        "STL",
                        "bench",
                        "stl",
                        "STL",
                        "STL",
                        "lenet5",
                        "LeNet-5",
                        "adam",
                        "param",
                        "reference",
                        null,
                        List.of(9L),
                        new LeaderboardView.Stat(0.0, 5.0, 3),
                        Map.of(),
                        List.of()));
        rows.add(seeded("moco", "param", -1.0, null, 1));
        rows.add(seeded("moco", "feature", feature, null, 1));
        return rows;
    }

    private static PairView moco(List<AnalysisRow> rows) {
        AnalysisRow param = rows.get(rows.size() - 2);
        AnalysisRow feature = rows.get(rows.size() - 1);
        return PairView.of(
                new Pairing.Pair(param, feature),
                "gradientLevel",
                r -> null,
                PairedAnalysisService.standIns(rows));
    }

    @Test
    void shouldJudgeSingleSeedSidesWithTheSettingsPooledSeedStdFromFiveDegreesOfFreedom() {
        // five rows of std 0.3 at one degree of freedom each: pooled std 0.3 (the single-task row's
        // std 5.0 stays out, as it does on the leaderboard); difference −0.5 ≤ 0.3 + 0.3
        PairView within = moco(setting(5, -1.5));
        assertThat(within.difference()).isCloseTo(-0.5, within(1e-12));
        assertThat(within.clear()).isFalse();
        assertThat(within.pooledStd()).isCloseTo(0.3, within(1e-12));
        assertThat(io.mtlboard.web.AnalysisFormat.verdict(within, true))
                .isEqualTo(
                        "within seed spread (loses at the feature level on the means; single-seed side"
                                + " with the setting's pooled seed std 0.30)");
        // difference −1.0 > 0.6: a clear loss
        PairView clear = moco(setting(5, -2.0));
        assertThat(clear.clear()).isTrue();
        assertThat(clear.secondBetter()).isFalse();
        // four degrees of freedom: no stand-in, no verdict
        PairView unjudged = moco(setting(4, -2.0));
        assertThat(unjudged.clear()).isNull();
        assertThat(unjudged.pooledStd()).isNull();
        // a pair with spreads of its own does not use the pooled std
        List<AnalysisRow> rows = setting(5, -2.0);
        PairView own =
                PairView.of(
                        new Pairing.Pair(rows.get(0), rows.get(1)),
                        "gradientLevel",
                        r -> null,
                        PairedAnalysisService.standIns(rows));
        assertThat(own.pooledStd()).isNull();
        assertThat(own.clear()).isFalse(); // 0.1 ≤ 0.6
    }

    /**
     * A literature row of Elich et al.: one run standing for a 3-seed mean (Δm recomputed, no std
     * over runs) with the std the publication printed.
     */
    private static AnalysisRow literature(
            String optimizer, double deltaM, Integer seeds, PrintedStd printed) {
        return new AnalysisRow(
                "r-" + optimizer,
                "UW · " + optimizer,
                "nyuv2",
                "uw",
                "UW",
                "UW",
                "deeplabv3plus",
                "DeepLabV3+",
                optimizer,
                "param",
                "literature",
                "Elich et al., Table A7",
                List.of(7L),
                new LeaderboardView.Stat(deltaM, null, 1),
                Map.of(),
                List.of(),
                Map.of(),
                "deeplabv3plus@elich2024-nyuv2-deeplabv3plus",
                "NYUv2",
                "DeepLabV3+ · Elich et al. NYUv2 DeepLabV3+",
                seeds,
                printed);
    }

    private static PairView optimizers(AnalysisRow sgd, AnalysisRow adam) {
        return PairView.of(new Pairing.Pair(sgd, adam), "optimizer");
    }

    @Test
    void shouldJudgeLiteraturePairsWithTheStdsTheirPublicationPrinted() {
        // NYUv2 DeepLabV3+ UW (Table A7, flat, printed in loss sign): SGD 2.57 ± 0.56, Adam 1.59 ±
        // 0.14 → gain −2.57 and −1.59; difference 0.98 > 0.56 + 0.14 = 0.70: clear
        PairView uw =
                optimizers(
                        literature("sgd", -2.57, 3, new PrintedStd(0.56, "flat", true)),
                        literature("adam", -1.59, 3, new PrintedStd(0.14, "flat", true)));
        assertThat(uw.difference()).isCloseTo(0.98, within(1e-12));
        assertThat(uw.clear()).isTrue();
        assertThat(uw.first().seeds()).isEqualTo(3);
        assertThat(uw.second().printedDeltaMStd().std()).isEqualTo(0.14);
        assertThat(uw.second().printedDeltaMStd().convention()).isEqualTo("flat");
        assertThat(uw.benchmark().name()).isEqualTo("NYUv2");
        assertThat(uw.setting().id()).isEqualTo("deeplabv3plus@elich2024-nyuv2-deeplabv3plus");
        // CAGrad: SGD 0.42 ± 0.07, Adam 0.10 ± 0.55 → difference 0.32 ≤ 0.62: within the spread
        PairView cagrad =
                optimizers(
                        literature("sgd", -0.42, 3, new PrintedStd(0.07, "flat", true)),
                        literature("adam", -0.10, 3, new PrintedStd(0.55, "flat", true)));
        assertThat(cagrad.difference()).isCloseTo(0.32, within(1e-12));
        assertThat(cagrad.secondBetter()).isTrue();
        assertThat(cagrad.clear()).isFalse();
    }

    @Test
    void shouldNotJudgeWithAPrintedStdThatIsNotTheStdOfTheDeltaMShown() {
        // per-task Δm on NYUv2 with the std printed for flat Δm: shown, not used
        PrintedStd flatOnly = new PrintedStd(0.56, "flat", false);
        PairView p =
                optimizers(
                        literature("sgd", -2.57, 3, flatOnly),
                        literature("adam", -1.59, 3, new PrintedStd(0.14, "flat", false)));
        assertThat(p.clear()).isNull();
        assertThat(p.first().printedDeltaMStd()).isEqualTo(flatOnly);
        // a printed std over one seed, or over an unknown number of seeds, is no spread over seeds
        PrintedStd applies = new PrintedStd(0.14, "flat", true);
        assertThat(
                        optimizers(
                                        literature("sgd", -2.57, 1, applies),
                                        literature("adam", -1.59, 3, applies))
                                .clear())
                .isNull();
        assertThat(
                        optimizers(
                                        literature("sgd", -2.57, null, applies),
                                        literature("adam", -1.59, 3, applies))
                                .first()
                                .seeds())
                .isNull();
    }

    @Test
    void shouldTakeThePrintedStdOfTheOtherConventionOnlyWhereBothConventionsCoincide() {
        // Elich et al. print the flat std only (NYUv2 SegNet EW with Adam: 10.08 ± 2.84)
        Published printed = new Published(null, null, -10.08, 2.84, null);
        assertThat(AnalysisData.printedStd(printed, DeltaM.Convention.FLAT, false))
                .isEqualTo(new PrintedStd(2.84, "flat", true));
        // per task on NYUv2 (2, 2 and 5 metrics per task): another average, not its std
        assertThat(AnalysisData.printedStd(printed, DeltaM.Convention.PER_TASK, false))
                .isEqualTo(new PrintedStd(2.84, "flat", false));
        // per task on Cityscapes (2 and 2 metrics): the same average of the same per-seed values
        assertThat(AnalysisData.printedStd(printed, DeltaM.Convention.PER_TASK, true))
                .isEqualTo(new PrintedStd(2.84, "flat", true));
        Published both = new Published(-1.0, 0.5, -10.08, 2.84, null);
        assertThat(AnalysisData.printedStd(both, DeltaM.Convention.PER_TASK, false))
                .isEqualTo(new PrintedStd(0.5, "per-task", true));
        assertThat(
                        AnalysisData.printedStd(
                                new Published(null, null, -10.08, null, null),
                                DeltaM.Convention.FLAT,
                                true))
                .isNull();
        assertThat(AnalysisData.printedStd(null, DeltaM.Convention.FLAT, true)).isNull();
    }

    @Test
    void shouldPreferTheStdOverMeasuredSeedsToAPrintedOne() {
        // an MTLBoard row measured over seeds keeps its own std (0.2), whatever else it carries
        AnalysisRow measured =
                new AnalysisRow(
                        "r-m",
                        "EW",
                        "nyuv2",
                        "ew",
                        "EW",
                        "EW",
                        "segnet",
                        "SegNet",
                        "adam",
                        "param",
                        "reference",
                        null,
                        List.of(1L, 2L, 3L),
                        new LeaderboardView.Stat(1.0, 0.2, 3),
                        Map.of(),
                        List.of(),
                        Map.of(),
                        "segnet@x",
                        "NYUv2",
                        "SegNet · x",
                        3,
                        new PrintedStd(5.0, "flat", true));
        assertThat(measured.deltaMSpread()).isEqualTo(0.2);
    }
}
