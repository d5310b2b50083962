package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardCalculatorTest {

    private static final List<BoardCalculator.MetricInfo> METRICS = List.of(
            new BoardCalculator.MetricInfo("a.acc", "a", true),
            new BoardCalculator.MetricInfo("b.err", "b", false));

    private static BoardCalculator.RunFacts run(long id, String method, String backbone, RowSource source,
            Integer seeds, double acc, double err) {
        return run(id, method, backbone, "adam", source, seeds, acc, err);
    }

    private static BoardCalculator.RunFacts run(long id, String method, String backbone, String optimizer,
            RowSource source, Integer seeds, double acc, double err) {
        return new BoardCalculator.RunFacts(id, method, method.toUpperCase(), backbone, optimizer, "param", source,
                seeds, "paper " + source, null, null, null, Map.of("a.acc", acc, "b.err", err));
    }

    private static BoardCalculator.BoardRow row(List<BoardCalculator.BoardRow> rows, String method, String optimizer) {
        return rows.stream().filter(r -> r.methodId().equals(method) && r.optimizer().equals(optimizer)).findFirst()
                .orElseThrow();
    }

    @Test
    void shouldCompareEachOptimizerWithTheSingleTaskRowsTrainedWithIt() {
        List<BoardCalculator.BoardRow> rows = BoardCalculator.rows(METRICS, List.of(
                run(1, "stl", "net", "adam", RowSource.REFERENCE, 1, 80, 0.50),
                run(2, "stl", "net", "sgd", RowSource.REFERENCE, 1, 50, 1.00),
                run(3, "ew", "net", "adam", RowSource.REFERENCE, 1, 88, 0.50),  // vs adam STL: +10 %, 0 % -> 5
                run(4, "ew", "net", "sgd", RowSource.REFERENCE, 1, 55, 0.80),   // vs sgd STL: +10 %, +20 % -> 15
                run(5, "ew", "net", "rmsprop", RowSource.REFERENCE, 1, 80, 0.40))); // no rmsprop STL: adam's
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

    @Test
    void shouldAverageSeedsAndComputeDeltaMPerRunAgainstBaselineMeans() {
        List<BoardCalculator.BoardRow> rows = BoardCalculator.rows(METRICS, List.of(
                run(1, "stl", "net", RowSource.REFERENCE, 1, 80, 0.50),
                run(2, "stl", "net", RowSource.REFERENCE, 1, 90, 0.50), // baseline means: acc 85, err 0.5
                run(3, "ew", "net", RowSource.REFERENCE, 1, 85, 0.40),  // Δ: acc 0 %, err +20 % -> 10
                run(4, "ew", "net", RowSource.REFERENCE, 1, 93.5, 0.50))); // Δ: acc +10 %, err 0 % -> 5
        BoardCalculator.BoardRow ew = rows.stream().filter(r -> r.methodId().equals("ew")).findFirst().orElseThrow();
        assertThat(ew.seeds()).isEqualTo(2);
        assertThat(ew.runIds()).containsExactly(3L, 4L);
        assertThat(ew.metrics().get("a.acc").mean()).isCloseTo(89.25, within(1e-12));
        assertThat(ew.metrics().get("a.acc").std()).isCloseTo(Math.sqrt(2 * 4.25 * 4.25), within(1e-9));
        assertThat(ew.deltaMPerTask().mean()).isCloseTo(7.5, within(1e-9));
        assertThat(ew.deltaMPerTask().std()).isCloseTo(Math.sqrt(12.5), within(1e-9));
        assertThat(ew.deltaMFlat().mean()).isCloseTo(7.5, within(1e-9));
        assertThat(ew.baseline().runIds()).containsExactly(1L, 2L);
    }

    @Test
    void shouldHaveNoDeltaMWithoutSingleTaskBaselineOnTheSameBackbone() {
        List<BoardCalculator.BoardRow> rows = BoardCalculator.rows(METRICS, List.of(
                run(1, "stl", "other", RowSource.LITERATURE, 3, 80, 0.5),
                run(2, "ew", "net", RowSource.LITERATURE, 3, 85, 0.4)));
        BoardCalculator.BoardRow ew = rows.stream().filter(r -> r.methodId().equals("ew")).findFirst().orElseThrow();
        assertThat(ew.deltaMPerTask()).isNull();
        assertThat(ew.baseline()).isNull();
    }

    @Test
    void shouldKeepSourcesApartAndPreferMeasuredBaseline() {
        List<BoardCalculator.BoardRow> rows = BoardCalculator.rows(METRICS, List.of(
                run(1, "stl", "net", RowSource.LITERATURE, 3, 50, 1.0),
                run(2, "stl", "net", RowSource.REFERENCE, 1, 100, 1.0),
                run(3, "ew", "net", RowSource.LITERATURE, 3, 100, 1.0),
                run(4, "ew", "net", RowSource.CLAIMED, 1, 100, 1.0)));
        assertThat(rows).hasSize(4);
        rows.stream().filter(r -> r.methodId().equals("ew"))
                .forEach(r -> assertThat(r.deltaMPerTask().mean()).isCloseTo(0.0, within(1e-12)));
        assertThat(rows.get(2).baseline().source()).isEqualTo(RowSource.REFERENCE);
    }

    @Test
    void shouldLeaveSeedsUnknownWhenPublicationDoesNotStateThem() {
        List<BoardCalculator.BoardRow> rows = BoardCalculator.rows(METRICS,
                List.of(run(1, "ew", "net", RowSource.LITERATURE, null, 80, 0.5)));
        assertThat(rows.get(0).seeds()).isNull();
        assertThat(rows.get(0).metrics().get("a.acc").std()).isNull();
    }
}
