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
        return new BoardCalculator.RunFacts(id, method, method.toUpperCase(), backbone, "adam", "param", source,
                seeds, "paper " + source, null, null, null, Map.of("a.acc", acc, "b.err", err));
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
