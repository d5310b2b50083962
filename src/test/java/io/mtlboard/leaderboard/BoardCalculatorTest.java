package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.RowSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardCalculatorTest {

    private static final List<BoardCalculator.MetricInfo> METRICS =
            List.of(
                    new BoardCalculator.MetricInfo("a.acc", "a", true),
                    new BoardCalculator.MetricInfo("b.err", "b", false));

    private static BoardCalculator.RunFacts run(
            long id,
            String method,
            String backbone,
            RowSource source,
            Integer seeds,
            double acc,
            double err) {
        return run(id, method, backbone, "adam", source, seeds, acc, err);
    }

    private static BoardCalculator.RunFacts run(
            long id,
            String method,
            String backbone,
            String optimizer,
            RowSource source,
            Integer seeds,
            double acc,
            double err) {
        boolean literature = source == RowSource.LITERATURE;
        return new BoardCalculator.RunFacts(
                id,
                method,
                method.toUpperCase(),
                backbone,
                optimizer,
                "param",
                source,
                literature ? null : (int) id,
                literature ? seeds : null,
                null,
                literature ? "paper" : Protocols.MTLBOARD,
                null,
                null,
                "paper " + source,
                BoardCalculator.Published.NONE,
                Map.of("a.acc", acc, "b.err", err));
    }

    private static BoardCalculator.BoardRow row(
            List<BoardCalculator.BoardRow> rows, String method, String optimizer) {
        return rows.stream()
                .filter(r -> r.methodId().equals(method) && r.optimizer().equals(optimizer))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldCompareEachOptimizerWithTheSingleTaskRowsTrainedWithIt() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                run(1, "stl", "net", "adam", RowSource.REFERENCE, 1, 80, 0.50),
                                run(2, "stl", "net", "sgd", RowSource.REFERENCE, 1, 50, 1.00),
                                run(
                                        3,
                                        "ew",
                                        "net",
                                        "adam",
                                        RowSource.REFERENCE,
                                        1,
                                        88,
                                        0.50), // vs adam STL: +10 %, 0 % -> 5
                                run(
                                        4,
                                        "ew",
                                        "net",
                                        "sgd",
                                        RowSource.REFERENCE,
                                        1,
                                        55,
                                        0.80), // vs sgd STL: +10 %, +20 % -> 15
                                run(
                                        5,
                                        "ew",
                                        "net",
                                        "rmsprop",
                                        RowSource.REFERENCE,
                                        1,
                                        80,
                                        0.40))); // no rmsprop STL: adam's
        assertThat(row(rows, "ew", "adam").deltaMPerTask().mean()).isCloseTo(5.0, within(1e-9));
        assertThat(row(rows, "ew", "adam").baseline().optimizer()).isEqualTo("adam");
        assertThat(row(rows, "ew", "sgd").deltaMPerTask().mean()).isCloseTo(15.0, within(1e-9));
        assertThat(row(rows, "ew", "sgd").baseline().runIds()).containsExactly(2L);
        assertThat(row(rows, "ew", "sgd").baseline().optimizer()).isEqualTo("sgd");
        // falls back to the backbone's preferred baseline: Δ acc 0 %, err +20 % -> 10
        assertThat(row(rows, "ew", "rmsprop").deltaMPerTask().mean()).isCloseTo(10.0, within(1e-9));
        assertThat(row(rows, "ew", "rmsprop").baseline().optimizer()).isEqualTo("adam");
        assertThat(row(rows, "stl", "sgd").deltaMPerTask().mean()).isCloseTo(0.0, within(1e-12));
    }

    /** Δm of the baseline against itself is 0 by definition, not the rounding of its seeds' sum. */
    @Test
    void shouldGiveTheBaselineRowADeltaMOfExactlyZeroWithItsSeedSpread() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                run(1, "stl", "net", RowSource.REFERENCE, 1, 72.69, 0.453),
                                run(2, "stl", "net", RowSource.REFERENCE, 1, 86.95, 0.597),
                                run(3, "stl", "net", RowSource.REFERENCE, 1, 85.28, 0.570)));
        BoardCalculator.BoardRow stl = row(rows, "stl", "adam");
        assertThat(stl.deltaMPerTask().mean()).isEqualTo(0.0);
        assertThat(stl.deltaMFlat().mean()).isEqualTo(0.0);
        // the seeds' own Δm against their mean: (a−ā)/ā and −(e−ē)/ē averaged over the two tasks
        double a = (72.69 + 86.95 + 85.28) / 3;
        double e = (0.453 + 0.597 + 0.570) / 3;
        double[] d = new double[3];
        double[][] v = {{72.69, 0.453}, {86.95, 0.597}, {85.28, 0.570}};
        for (int i = 0; i < 3; i++) {
            d[i] = 50 * ((v[i][0] - a) / a - (v[i][1] - e) / e);
        }
        double sd = Math.sqrt((d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / 2);
        assertThat(stl.deltaMPerTask().std()).isCloseTo(sd, within(1e-9));
        assertThat(stl.deltaMPerTask().n()).isEqualTo(3);
    }

    @Test
    void shouldAverageSeedsAndComputeDeltaMPerRunAgainstBaselineMeans() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                run(1, "stl", "net", RowSource.REFERENCE, 1, 80, 0.50),
                                run(
                                        2,
                                        "stl",
                                        "net",
                                        RowSource.REFERENCE,
                                        1,
                                        90,
                                        0.50), // baseline means: acc 85, err 0.5
                                run(
                                        3,
                                        "ew",
                                        "net",
                                        RowSource.REFERENCE,
                                        1,
                                        85,
                                        0.40), // Δ: acc 0 %, err +20 % -> 10
                                run(
                                        4,
                                        "ew",
                                        "net",
                                        RowSource.REFERENCE,
                                        1,
                                        93.5,
                                        0.50))); // Δ: acc +10 %, err 0 % -> 5
        BoardCalculator.BoardRow ew =
                rows.stream().filter(r -> r.methodId().equals("ew")).findFirst().orElseThrow();
        assertThat(ew.seeds()).isEqualTo(2);
        assertThat(ew.runIds()).containsExactly(3L, 4L);
        assertThat(ew.metrics().get("a.acc").mean()).isCloseTo(89.25, within(1e-12));
        assertThat(ew.metrics().get("a.acc").std())
                .isCloseTo(Math.sqrt(2 * 4.25 * 4.25), within(1e-9));
        assertThat(ew.deltaMPerTask().mean()).isCloseTo(7.5, within(1e-9));
        assertThat(ew.deltaMPerTask().std()).isCloseTo(Math.sqrt(12.5), within(1e-9));
        assertThat(ew.deltaMFlat().mean()).isCloseTo(7.5, within(1e-9));
        assertThat(ew.baseline().runIds()).containsExactly(1L, 2L);
    }

    @Test
    void shouldHaveNoDeltaMWithoutSingleTaskBaselineOnTheSameBackbone() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                run(1, "stl", "other", RowSource.LITERATURE, 3, 80, 0.5),
                                run(2, "ew", "net", RowSource.LITERATURE, 3, 85, 0.4)));
        BoardCalculator.BoardRow ew =
                rows.stream().filter(r -> r.methodId().equals("ew")).findFirst().orElseThrow();
        assertThat(ew.deltaMPerTask()).isNull();
        assertThat(ew.baseline()).isNull();
    }

    /** A run of any protocol, seed and owner: accuracy on task a, error on task b. */
    static BoardCalculator.RunFacts facts(
            long id,
            String method,
            String backbone,
            RowSource source,
            Integer seed,
            Long owner,
            String protocol,
            String baselineProtocol,
            double acc,
            double err) {
        boolean literature = source == RowSource.LITERATURE;
        return new BoardCalculator.RunFacts(
                id,
                method,
                method.toUpperCase(),
                backbone,
                "adam",
                "param",
                source,
                literature ? null : seed,
                literature ? 3 : null,
                owner,
                protocol,
                baselineProtocol,
                null,
                literature ? "paper " + protocol : "MTLBoard",
                BoardCalculator.Published.NONE,
                Map.of("a.acc", acc, "b.err", err));
    }

    private static BoardCalculator.BoardRow only(
            List<BoardCalculator.BoardRow> rows, String method, RowSource source) {
        return rows.stream()
                .filter(r -> r.methodId().equals(method) && r.source() == source)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldTakeDeltaMAgainstTheSingleTaskRowOfTheSameProtocol() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                facts(
                                        1,
                                        "stl",
                                        "net",
                                        RowSource.LITERATURE,
                                        null,
                                        null,
                                        "paper",
                                        null,
                                        50,
                                        1.0),
                                facts(
                                        2,
                                        "stl",
                                        "net",
                                        RowSource.REFERENCE,
                                        0,
                                        null,
                                        Protocols.MTLBOARD,
                                        null,
                                        100,
                                        1.0),
                                facts(
                                        3,
                                        "ew",
                                        "net",
                                        RowSource.LITERATURE,
                                        null,
                                        null,
                                        "paper",
                                        null,
                                        100,
                                        1.0),
                                facts(
                                        4,
                                        "ew",
                                        "net",
                                        RowSource.CLAIMED,
                                        0,
                                        9L,
                                        Protocols.MTLBOARD,
                                        null,
                                        100,
                                        1.0)));
        assertThat(rows).hasSize(4);
        // literature EW against the publication's STL: acc +100 %, err 0 % -> 50
        BoardCalculator.BoardRow literature = only(rows, "ew", RowSource.LITERATURE);
        assertThat(literature.deltaMPerTask().mean()).isCloseTo(50.0, within(1e-9));
        assertThat(literature.baseline().protocol()).isEqualTo("paper");
        assertThat(literature.settingId()).isEqualTo("net@paper");
        assertThat(literature.role()).isEqualTo(BoardCalculator.Role.RANKED);
        // the claim against MTLBoard's own single-task row: 0
        BoardCalculator.BoardRow claimed = only(rows, "ew", RowSource.CLAIMED);
        assertThat(claimed.deltaMPerTask().mean()).isCloseTo(0.0, within(1e-12));
        assertThat(claimed.baseline().source()).isEqualTo(RowSource.REFERENCE);
        assertThat(claimed.role()).isEqualTo(BoardCalculator.Role.CLAIMED);
        assertThat(only(rows, "stl", RowSource.REFERENCE).role())
                .isEqualTo(BoardCalculator.Role.BASELINE);
    }

    @Test
    void shouldMarkRowsWhoseBaselineComesFromAnotherPublication() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                facts(
                                        1,
                                        "stl",
                                        "net",
                                        RowSource.LITERATURE,
                                        null,
                                        null,
                                        "paper-a",
                                        null,
                                        50,
                                        1.0),
                                facts(
                                        2,
                                        "ew",
                                        "net",
                                        RowSource.LITERATURE,
                                        null,
                                        null,
                                        "paper-b",
                                        "paper-a",
                                        55,
                                        1.0),
                                facts(
                                        3,
                                        "pcgrad",
                                        "net",
                                        RowSource.LITERATURE,
                                        null,
                                        null,
                                        "paper-b",
                                        null,
                                        55,
                                        1.0)));
        BoardCalculator.BoardRow ew = only(rows, "ew", RowSource.LITERATURE);
        assertThat(ew.role()).isEqualTo(BoardCalculator.Role.CROSS_PROTOCOL);
        assertThat(ew.crossProtocol()).isTrue();
        assertThat(ew.settingId()).isEqualTo("net@paper-b");
        assertThat(ew.deltaMPerTask().mean()).isCloseTo(5.0, within(1e-9)); // +10 % on a, 0 on b
        // without a named baseline protocol, paper-b has no single-task row: no Δm, no rank
        BoardCalculator.BoardRow pcgrad = only(rows, "pcgrad", RowSource.LITERATURE);
        assertThat(pcgrad.deltaMPerTask()).isNull();
        assertThat(pcgrad.role()).isEqualTo(BoardCalculator.Role.NO_BASELINE);
    }

    @Test
    void shouldCountASeedOnceAndAverageRunsThatShareIt() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS,
                        List.of(
                                facts(
                                        1,
                                        "stl",
                                        "net",
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
                                        "net",
                                        RowSource.VERIFIED,
                                        0,
                                        7L,
                                        Protocols.MTLBOARD,
                                        null,
                                        80,
                                        0.5),
                                facts(
                                        3,
                                        "ew",
                                        "net",
                                        RowSource.VERIFIED,
                                        0,
                                        8L,
                                        Protocols.MTLBOARD,
                                        null,
                                        82,
                                        0.5),
                                facts(
                                        4,
                                        "ew",
                                        "net",
                                        RowSource.VERIFIED,
                                        1,
                                        7L,
                                        Protocols.MTLBOARD,
                                        null,
                                        84,
                                        0.5)));
        BoardCalculator.BoardRow ew = only(rows, "ew", RowSource.VERIFIED);
        assertThat(ew.seeds()).isEqualTo(2);
        assertThat(ew.runIds()).containsExactly(2L, 3L, 4L);
        // seed 0 is (80 + 82) / 2 = 81, seed 1 is 84: mean 82.5, sample std sqrt(4.5)
        assertThat(ew.metrics().get("a.acc").mean()).isCloseTo(82.5, within(1e-12));
        assertThat(ew.metrics().get("a.acc").std()).isCloseTo(Math.sqrt(4.5), within(1e-12));
        assertThat(ew.deltaMPerTask().n()).isEqualTo(2);
    }

    @Test
    void shouldLetALaterRunOfTheSameSubmitterAndSeedSupersedeTheEarlierOne() {
        List<BoardCalculator.RunFacts> runs =
                List.of(
                        facts(
                                1,
                                "stl",
                                "net",
                                RowSource.REFERENCE,
                                0,
                                null,
                                Protocols.MTLBOARD,
                                null,
                                80,
                                0.5),
                        facts(
                                10,
                                "ew",
                                "net",
                                RowSource.CLAIMED,
                                0,
                                7L,
                                Protocols.MTLBOARD,
                                null,
                                99,
                                0.1),
                        facts(
                                11,
                                "ew",
                                "net",
                                RowSource.CLAIMED,
                                0,
                                7L,
                                Protocols.MTLBOARD,
                                null,
                                88,
                                0.5));
        assertThat(BoardCalculator.superseded(runs)).containsExactly(10L);
        BoardCalculator.BoardRow ew =
                only(BoardCalculator.rows(METRICS, runs), "ew", RowSource.CLAIMED);
        assertThat(ew.runIds()).containsExactly(11L);
        assertThat(ew.seeds()).isEqualTo(1);
        assertThat(ew.metrics().get("a.acc").mean()).isEqualTo(88.0);
    }

    @Test
    void shouldLeaveSeedsUnknownWhenPublicationDoesNotStateThem() {
        List<BoardCalculator.BoardRow> rows =
                BoardCalculator.rows(
                        METRICS, List.of(run(1, "ew", "net", RowSource.LITERATURE, null, 80, 0.5)));
        assertThat(rows.get(0).seeds()).isNull();
        assertThat(rows.get(0).metrics().get("a.acc").std()).isNull();
    }
}
