package io.mtlboard.leaderboard;

import static io.mtlboard.leaderboard.BoardCalculatorTest.facts;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.RowSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Ranking within settings: pure, on hand-made boards. */
class LeaderboardPagerTest {

    private static final List<BoardCalculator.MetricInfo> METRICS =
            List.of(
                    new BoardCalculator.MetricInfo("a.acc", "a", true),
                    new BoardCalculator.MetricInfo("b.err", "b", false));

    private static Board board(List<BoardCalculator.RunFacts> runs) {
        Benchmark benchmark = new Benchmark();
        benchmark.id = "toy";
        benchmark.name = "Toy";
        List<LeaderboardView.MetricColumn> columns =
                List.of(
                        new LeaderboardView.MetricColumn(
                                "a.acc", "a", "acc", "accuracy", true, "%"),
                        new LeaderboardView.MetricColumn(
                                "b.err", "b", "err", "error", false, null));
        return new Board(
                1,
                benchmark,
                METRICS,
                columns,
                BoardCalculator.rows(METRICS, runs),
                Map.of(),
                Map.of(),
                Map.of("small", "Small net", "large", "Large net"),
                Map.of(
                        Protocols.MTLBOARD,
                        new Protocols.Protocol(
                                Protocols.MTLBOARD, "MTLBoard protocol", null, null, null),
                        "paper",
                        new Protocols.Protocol("paper", "Paper protocol", "A paper", null, null),
                        "other",
                        new Protocols.Protocol(
                                "other", "Other protocol", "Another paper", null, null)));
    }

    private static LeaderboardQuery query(boolean includeCrossProtocol, List<String> settings) {
        return query(includeCrossProtocol, settings, 1, 100);
    }

    private static LeaderboardQuery query(
            boolean includeCrossProtocol, List<String> settings, int page, int size) {
        return new LeaderboardQuery(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                settings,
                includeCrossProtocol,
                "rank",
                false,
                false,
                DeltaM.Convention.PER_TASK,
                page,
                size);
    }

    /** Two backbones × two protocols, a cross-protocol row and a claim. */
    private static List<BoardCalculator.RunFacts> runs() {
        return List.of(
                facts(
                        1,
                        "stl",
                        "small",
                        RowSource.REFERENCE,
                        0,
                        null,
                        Protocols.MTLBOARD,
                        null,
                        80,
                        0.5),
                facts(
                        2,
                        "ew",
                        "small",
                        RowSource.REFERENCE,
                        0,
                        null,
                        Protocols.MTLBOARD,
                        null,
                        84,
                        0.5), // +2.5
                facts(
                        3,
                        "mgda",
                        "small",
                        RowSource.REFERENCE,
                        0,
                        null,
                        Protocols.MTLBOARD,
                        null,
                        88,
                        0.5), // +5
                facts(
                        4,
                        "pcgrad",
                        "small",
                        RowSource.CLAIMED,
                        0,
                        3L,
                        Protocols.MTLBOARD,
                        null,
                        99,
                        0.1), // tallest
                facts(5, "stl", "large", RowSource.LITERATURE, null, null, "paper", null, 50, 1.0),
                facts(
                        6,
                        "ew",
                        "large",
                        RowSource.LITERATURE,
                        null,
                        null,
                        "paper",
                        null,
                        100,
                        1.0), // +50
                facts(
                        7,
                        "mgda",
                        "large",
                        RowSource.LITERATURE,
                        null,
                        null,
                        "other",
                        "paper",
                        150,
                        1.0)); // +100
    }

    @Test
    void shouldRankEverySettingSeparatelyAndNeverBaselinesClaimsOrCrossProtocolRows() {
        LeaderboardView v = LeaderboardPager.page(board(runs()), query(false, List.of()), "rule");
        Map<String, Integer> ranks = new HashMap<>();
        v.rows()
                .forEach(
                        r ->
                                ranks.put(
                                        r.setting().id() + " " + r.method().id() + " " + r.source(),
                                        r.rank()));
        assertThat(ranks)
                .containsEntry("small@mtlboard mgda reference", 1)
                .containsEntry("small@mtlboard ew reference", 2)
                .containsEntry("large@paper ew literature", 1) // ranks restart in the other setting
                .containsEntry("small@mtlboard stl reference", null)
                .containsEntry("large@paper stl literature", null)
                .containsEntry("small@mtlboard pcgrad claimed", null)
                .containsEntry("large@other mgda literature", null);
        LeaderboardView.LeaderboardRowView cross =
                v.rows().stream()
                        .filter(r -> r.role().equals("cross-protocol"))
                        .findFirst()
                        .orElseThrow();
        assertThat(cross.deltaM().baseline().crossProtocol()).isTrue();
        assertThat(cross.deltaM().baseline().citation()).isEqualTo("paper paper");
        assertThat(cross.unranked())
                .contains("another publication")
                .contains("crossProtocol=include");
        // claimed rows come last, in their own section
        assertThat(v.rows().get(v.rows().size() - 1).role()).isEqualTo("claimed");
        // the setting with the most rows first, its baseline on top
        assertThat(v.settings())
                .extracting(LeaderboardView.SettingView::id)
                .containsExactly("small@mtlboard", "large@paper", "large@other");
        assertThat(v.rows().get(0).role()).isEqualTo("baseline");
        assertThat(v.settings().get(0).label()).isEqualTo("Small net · MTLBoard protocol");
    }

    @Test
    void shouldGiveTheWholeBoardsRankBesideARankAmongFewerRowsOfItsSetting() {
        Board board = board(runs());
        LeaderboardQuery onlyEw =
                new LeaderboardQuery(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of("ew"),
                        List.of(),
                        false,
                        "rank",
                        false,
                        false,
                        DeltaM.Convention.PER_TASK,
                        1,
                        100);
        Map<String, LeaderboardView.LeaderboardRowView> rows = new HashMap<>();
        LeaderboardPager.page(board, onlyEw, "rule")
                .rows()
                .forEach(r -> rows.put(r.setting().id(), r));
        // MGDA ranks first on the small net's board; under method=ew, EW is first of one
        assertThat(rows.get("small@mtlboard").rank()).isEqualTo(1);
        assertThat(rows.get("small@mtlboard").boardRank())
                .isEqualTo(new LeaderboardView.BoardRank(2, 2));
        // the filter leaves out only the large net's baseline: EW is ranked among the same rows
        assertThat(rows.get("large@paper").rank()).isEqualTo(1);
        assertThat(rows.get("large@paper").boardRank()).isNull();
        // without such a filter no row carries a board rank
        assertThat(LeaderboardPager.page(board, query(false, List.of()), "rule").rows())
                .allSatisfy(r -> assertThat(r.boardRank()).isNull());
        assertThat(LeaderboardCsv.write(LeaderboardPager.page(board, onlyEw, "rule")))
                .contains("board_rank,board_ranked")
                .contains(",2,2\n");
    }

    @Test
    void shouldSayOnWhichPagesEachSettingsRowsAreAndHowManyAreCrossProtocol() {
        // two rows a page: small (stl, mgda | ew), large@paper (stl | ew), large@other (mgda),
        // then the claim
        LeaderboardView v =
                LeaderboardPager.page(board(runs()), query(false, List.of(), 1, 2), "rule");
        assertThat(v.pages()).isEqualTo(4);
        Map<String, List<Integer>> pages = new HashMap<>();
        Map<String, Integer> cross = new HashMap<>();
        v.settings().forEach(s -> pages.put(s.id(), s.pages()));
        v.settings().forEach(s -> cross.put(s.id(), s.crossProtocol()));
        assertThat(pages)
                .containsEntry("small@mtlboard", List.of(1, 2))
                .containsEntry("large@paper", List.of(2, 3))
                .containsEntry("large@other", List.of(3));
        assertThat(cross)
                .containsEntry("small@mtlboard", 0)
                .containsEntry("large@paper", 0)
                .containsEntry("large@other", 1);
        // the same on every page of the view
        LeaderboardView third =
                LeaderboardPager.page(board(runs()), query(false, List.of(), 3, 2), "rule");
        assertThat(third.settings()).isEqualTo(v.settings());
        assertThat(third.rows())
                .extracting(r -> r.setting().id())
                .containsExactly("large@paper", "large@other");
    }

    @Test
    void shouldNeverDrawClaimedBaselineOrCrossProtocolRowsInTheEvidenceChart() {
        LeaderboardView v = LeaderboardPager.page(board(runs()), query(false, List.of()), "rule");
        LeaderboardView.SettingView small = v.settings().get(0);
        assertThat(small.chart())
                .extracting(LeaderboardView.ChartBar::source)
                .containsOnly("reference");
        assertThat(small.chart()).extracting(LeaderboardView.ChartBar::rank).containsExactly(1, 2);
        assertThat(small.ranked()).isEqualTo(2);
        assertThat(small.baseline().runIds()).containsExactly(1L);
        assertThat(v.settings().get(2).chart()).isEmpty();
    }

    @Test
    void shouldRankCrossProtocolRowsOnlyWhenAskedAndFilterBySetting() {
        LeaderboardView v =
                LeaderboardPager.page(board(runs()), query(true, List.of("large@other")), "rule");
        assertThat(v.rows()).hasSize(1);
        assertThat(v.rows().get(0).rank()).isEqualTo(1);
        assertThat(v.filters().crossProtocol()).isEqualTo("include");
        assertThat(v.settings()).singleElement().satisfies(s -> assertThat(s.chart()).hasSize(1));
    }

    @Test
    void shouldTakeTheSpreadOfALiteratureRowFromThePrintedStdOfEitherConvention() {
        BoardCalculator.BoardRow row =
                BoardCalculator.rows(
                                METRICS,
                                List.of(
                                        facts(
                                                1,
                                                "stl",
                                                "large",
                                                RowSource.LITERATURE,
                                                null,
                                                null,
                                                "paper",
                                                null,
                                                50,
                                                1.0),
                                        new BoardCalculator.RunFacts(
                                                2,
                                                "ew",
                                                "EW",
                                                "large",
                                                "adam",
                                                "param",
                                                RowSource.LITERATURE,
                                                null,
                                                3,
                                                null,
                                                "paper",
                                                null,
                                                null,
                                                "paper paper",
                                                new BoardCalculator.Published(
                                                        null, null, -1.2, 0.4, null),
                                                Map.of("a.acc", 51.0, "b.err", 1.0))))
                        .stream()
                        .filter(r -> r.methodId().equals("ew"))
                        .findFirst()
                        .orElseThrow();
        // only the flat std was printed: with one metric per task (both conventions the same
        // average) it is the row's interval in both conventions
        assertThat(SettingRanks.spread(row, row.deltaMPerTask(), DeltaM.Convention.PER_TASK, true))
                .isEqualTo(0.4);
        assertThat(SettingRanks.spread(row, row.deltaMFlat(), DeltaM.Convention.FLAT, true))
                .isEqualTo(0.4);
        // where the conventions differ, per-task Δm has none
        assertThat(SettingRanks.spread(row, row.deltaMPerTask(), DeltaM.Convention.PER_TASK, false))
                .isNull();
        assertThat(SettingRanks.spread(row, row.deltaMFlat(), DeltaM.Convention.FLAT, false))
                .isEqualTo(0.4);
    }

    /** Two seeds each: the single-task row's own spread counts as much as the method's. */
    private static BoardCalculator.RunFacts seeded(
            long id, String method, String backbone, int seed, double acc) {
        return facts(
                id,
                method,
                backbone,
                RowSource.REFERENCE,
                seed,
                null,
                Protocols.MTLBOARD,
                null,
                acc,
                0.5);
    }

    @Test
    void shouldSayWhetherARowIsBetterWorseOrWithinNoiseOfItsBaseline() {
        // baseline acc 80, 82 (mean 81): per-task Δm per seed ∓0.6173 (accuracy ±1/81 of 100 %,
        // halved over two tasks), std 0.8729; every method below has the same std
        List<BoardCalculator.RunFacts> runs =
                List.of(
                        seeded(1, "stl", "small", 0, 80),
                        seeded(2, "stl", "small", 1, 82),
                        seeded(3, "ew", "small", 0, 90), // Δm 5.556, 6.790: mean 6.173
                        seeded(4, "ew", "small", 1, 92),
                        seeded(5, "mgda", "small", 0, 81), // 0, 1.235: mean 0.617 < 0.873 + 0.873
                        seeded(6, "mgda", "small", 1, 83),
                        seeded(7, "pcgrad", "small", 0, 70), // −6.790, −5.556: mean −6.173
                        seeded(8, "pcgrad", "small", 1, 72),
                        seeded(9, "stl", "large", 0, 80), // one seed on each side: no interval
                        seeded(10, "ew", "large", 0, 90));
        LeaderboardView v = LeaderboardPager.page(board(runs), query(false, List.of()), "rule");
        Map<String, String> perTask = new HashMap<>();
        Map<String, String> flat = new HashMap<>();
        for (LeaderboardView.LeaderboardRowView r : v.rows()) {
            String key = r.backbone().id() + " " + r.method().id();
            perTask.put(key, r.deltaM().perTaskVsBaseline());
            flat.put(key, r.deltaM().flatVsBaseline());
        }
        assertThat(perTask)
                .containsEntry("small ew", "better")
                .containsEntry("small mgda", "within-noise")
                .containsEntry("small pcgrad", "worse")
                .containsEntry("small stl", null) // the baseline is the 0 line itself
                .containsEntry("large ew", null);
        // flat Δm of mgda: mean over the two metrics as well, same verdict
        assertThat(flat)
                .containsEntry("small mgda", "within-noise")
                .containsEntry("small ew", "better");
        LeaderboardView.LeaderboardRowView mgda =
                v.rows().stream()
                        .filter(r -> r.method().id().equals("mgda"))
                        .findFirst()
                        .orElseThrow();
        assertThat(mgda.deltaM().perTask().mean()).isCloseTo(0.6173, Offset.offset(1e-4));
        assertThat(mgda.deltaM().perTask().std()).isCloseTo(0.8729, Offset.offset(1e-4));
    }

    /**
     * The setting's single-task row at acc 80 and 82, {@code twoSeeded} methods of two seeds (acc
     * x and x + 2: per-task Δm std 0.8729 each, one degree of freedom each) and three single-seed
     * rows: cagrad acc 85.5 (Δm 2.778), gradvac 85 (2.469), imtl 83 (1.235).
     */
    private static LeaderboardView pooledBoard(int twoSeeded) {
        double[] accs = {90, 86, 78, 70, 95};
        List<BoardCalculator.RunFacts> runs = new java.util.ArrayList<>();
        runs.add(seeded(1, "stl", "small", 0, 80));
        runs.add(seeded(2, "stl", "small", 1, 82));
        for (int m = 0; m < twoSeeded; m++) {
            runs.add(seeded(10 + 2 * m, "m" + (m + 1), "small", 0, accs[m]));
            runs.add(seeded(11 + 2 * m, "m" + (m + 1), "small", 1, accs[m] + 2));
        }
        runs.add(seeded(30, "cagrad", "small", 0, 85.5));
        runs.add(seeded(31, "gradvac", "small", 0, 85));
        runs.add(seeded(32, "imtl", "small", 0, 83));
        return LeaderboardPager.page(board(runs), query(false, List.of()), "rule");
    }

    private static LeaderboardView.LeaderboardRowView row(LeaderboardView v, String method) {
        return v.rows().stream()
                .filter(r -> r.method().id().equals(method))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldRankSingleSeedRowsWithThePooledSeedStdOnceItHasFiveDegreesOfFreedom() {
        LeaderboardView v = pooledBoard(5);
        SeedNoise noise = v.settings().get(0).seedNoise();
        assertThat(noise.degreesOfFreedom()).isEqualTo(5);
        assertThat(noise.singleSeed()).isEqualTo(3);
        assertThat(noise.pooledStd()).isCloseTo(0.8729, Offset.offset(1e-4));
        assertThat(noise.appliedToSingleSeed()).isTrue();
        // Δm: m5 9.259, m1 6.173, m2 3.704, cagrad 2.778, gradvac 2.469, imtl 1.235, m3 −1.235,
        // m4 −6.173; a row shares its group's rank when |difference| ≤ 0.873 + 0.873 = 1.746
        Map<String, Integer> ranks = new HashMap<>();
        v.rows().forEach(r -> ranks.put(r.method().id(), r.rank()));
        assertThat(ranks)
                .containsEntry("m5", 1)
                .containsEntry("m1", 2)
                .containsEntry("m2", 3)
                .containsEntry("cagrad", 3) // 3.704 − 2.778 = 0.926
                .containsEntry("gradvac", 3) // 1.235
                .containsEntry("imtl", 6) // 2.469: a new group
                .containsEntry("m3", 7)
                .containsEntry("m4", 8);
        LeaderboardView.LeaderboardRowView imtl = row(v, "imtl");
        // 1.235 ≤ 0.873 (pooled) + 0.873 (the baseline's own std)
        assertThat(imtl.deltaM().perTaskVsBaseline()).isEqualTo("within-noise");
        assertThat(imtl.deltaM().perTaskPooledStd()).isCloseTo(0.8729, Offset.offset(1e-4));
        assertThat(imtl.deltaM().perTask().std()).isNull();
        assertThat(io.mtlboard.web.WebFormat.deltaStd(imtl, "per-task"))
                .isEqualTo("± 0.87 (pooled)");
        // rows with a std of their own keep it
        assertThat(row(v, "m1").deltaM().perTaskPooledStd()).isNull();
        assertThat(row(v, "m1").deltaM().perTaskVsBaseline()).isEqualTo("better");
    }

    @Test
    void shouldKeepSingleSeedRowsExactWhileThePooledStdRestsOnFewerThanFiveDegreesOfFreedom() {
        LeaderboardView v = pooledBoard(4);
        SeedNoise noise = v.settings().get(0).seedNoise();
        assertThat(noise.degreesOfFreedom()).isEqualTo(4);
        assertThat(noise.appliedToSingleSeed()).isFalse();
        assertThat(noise.pooledStd()).isCloseTo(0.8729, Offset.offset(1e-4));
        Map<String, Integer> ranks = new HashMap<>();
        v.rows().forEach(r -> ranks.put(r.method().id(), r.rank()));
        // m1 6.173, m2 3.704, cagrad 2.778 (0.926 > 0.873 + 0), gradvac 2.469, imtl 1.235
        assertThat(ranks)
                .containsEntry("m1", 1)
                .containsEntry("m2", 2)
                .containsEntry("cagrad", 3)
                .containsEntry("gradvac", 4)
                .containsEntry("imtl", 5);
        LeaderboardView.LeaderboardRowView imtl = row(v, "imtl");
        // 1.235 > 0 + 0.873: only the baseline's own std counts
        assertThat(imtl.deltaM().perTaskVsBaseline()).isEqualTo("better");
        assertThat(imtl.deltaM().perTaskPooledStd()).isNull();
        assertThat(io.mtlboard.web.WebFormat.deltaStd(imtl, "per-task")).isEmpty();
    }

    @Test
    void shouldKeepReferenceProtocolsApartAndCompareSubmissionsWithTheNewestReferenceBaseline() {
        List<BoardCalculator.RunFacts> runs =
                List.of(
                        facts(
                                1,
                                "stl",
                                "small",
                                RowSource.REFERENCE,
                                1,
                                null,
                                "mf-x-v1",
                                null,
                                80,
                                0.5),
                        facts(
                                2,
                                "stl",
                                "small",
                                RowSource.REFERENCE,
                                2,
                                null,
                                "mf-x-v1",
                                null,
                                82,
                                0.5),
                        facts(
                                3,
                                "ew",
                                "small",
                                RowSource.REFERENCE,
                                1,
                                null,
                                "mf-x-v1",
                                null,
                                70,
                                0.5),
                        facts(
                                4,
                                "stl",
                                "small",
                                RowSource.REFERENCE,
                                0,
                                null,
                                "mf-x-v2",
                                null,
                                90,
                                0.5),
                        facts(
                                5,
                                "ew",
                                "small",
                                RowSource.REFERENCE,
                                0,
                                null,
                                "mf-x-v2",
                                null,
                                99,
                                0.5),
                        facts(
                                6,
                                "ew",
                                "small",
                                RowSource.VERIFIED,
                                0,
                                7L,
                                Protocols.MTLBOARD,
                                null,
                                99,
                                0.5));
        LeaderboardView v = LeaderboardPager.page(board(runs), query(false, List.of()), "rule");
        Map<String, LeaderboardView.LeaderboardRowView> rows = new HashMap<>();
        v.rows().forEach(r -> rows.put(r.setting().id() + " " + r.method().id(), r));
        // one setting per reference protocol: the two schedules never share a row or a ranking
        assertThat(v.settings())
                .extracting(LeaderboardView.SettingView::id)
                .contains("small@mf-x-v1", "small@mf-x-v2", "small@mtlboard");
        assertThat(rows.get("small@mf-x-v1 ew").runIds()).containsExactly(3L);
        assertThat(rows.get("small@mf-x-v2 ew").runIds()).containsExactly(5L);
        assertThat(rows.get("small@mf-x-v2 ew").deltaM().baseline().runIds()).containsExactly(4L);
        assertThat(rows.get("small@mf-x-v2 ew").rank()).isEqualTo(1);
        // a submission without a single-task row of its own: Δm against the newest reference
        // protocol's single-task row (v2, though v1 has more seeds), listed but not ranked
        LeaderboardView.LeaderboardRowView verified = rows.get("small@mtlboard ew");
        assertThat(verified.deltaM().baseline().runIds()).containsExactly(4L);
        assertThat(verified.deltaM().baseline().crossProtocol()).isTrue();
        assertThat(verified.role()).isEqualTo("cross-protocol");
        assertThat(verified.rank()).isNull();
        assertThat(verified.deltaM().perTask().mean()).isCloseTo(5.0, Offset.offset(1e-9));
    }

    @Test
    void shouldReadTheVersionOfAReferenceProtocol() {
        assertThat(Protocols.version("mf-lenet5-v2")).isEqualTo(2);
        assertThat(Protocols.version("mf-lenet5-v10")).isEqualTo(10);
        assertThat(Protocols.version("dbmtl-2023")).isZero();
        assertThat(Protocols.lineage("mf-lenet5-v10")).isEqualTo("mf-lenet5");
        assertThat(Protocols.lineage("dbmtl-2023")).isEqualTo("dbmtl-2023");
    }
}
