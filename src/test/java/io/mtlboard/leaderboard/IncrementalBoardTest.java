package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.run.RowSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test: whatever sequence of new runs, changed runs (a verdict, new measurements) and
 * removed runs (withdrawn, hidden) is applied, the incrementally maintained board equals a full
 * recomputation of all current runs, row for row, value for value and in the same order.
 */
class IncrementalBoardTest {

    private static final List<BoardCalculator.MetricInfo> METRICS =
            List.of(
                    new BoardCalculator.MetricInfo("a.acc", "a", true),
                    new BoardCalculator.MetricInfo("b.err", "b", false));
    private static final String[] BACKBONES = {"lenet5", "resnet18"};
    private static final String[] PROTOCOLS = {"mtlboard", "paper-x"};
    private static final String[] METHODS = {"stl", "stl", "ew", "mgda", "famo"};
    private static final String[] OPTIMIZERS = {"adam", "sgd"};
    private static final String[] LEVELS = {"param", "feature"};
    private static final RowSource[] SOURCES = {
        RowSource.VERIFIED,
        RowSource.CLAIMED,
        RowSource.CLAIMED,
        RowSource.REFERENCE,
        RowSource.LITERATURE
    };

    private static BoardCalculator.RunFacts random(Random rnd, long id) {
        RowSource source = SOURCES[rnd.nextInt(SOURCES.length)];
        boolean literature = source == RowSource.LITERATURE;
        Map<String, Double> values = new LinkedHashMap<>();
        // a few runs miss a metric (so that some single-task rows cannot be baselines)
        if (rnd.nextInt(20) > 0) {
            values.put("a.acc", 50 + rnd.nextInt(40) + rnd.nextInt(10) / 10.0);
        }
        if (rnd.nextInt(20) > 0) {
            values.put("b.err", 0.1 + rnd.nextInt(100) / 1000.0);
        }
        String protocol = literature ? PROTOCOLS[rnd.nextInt(2)] : "mtlboard";
        String baselineProtocol =
                literature && rnd.nextInt(4) == 0 ? PROTOCOLS[rnd.nextInt(2)] : null;
        String baselineOptimizer =
                literature && rnd.nextInt(6) == 0 ? OPTIMIZERS[rnd.nextInt(2)] : null;
        BoardCalculator.Published published =
                literature && rnd.nextBoolean()
                        ? new BoardCalculator.Published(
                                rnd.nextDouble(), 0.1, rnd.nextDouble(), null, null)
                        : BoardCalculator.Published.NONE;
        return new BoardCalculator.RunFacts(
                id,
                METHODS[rnd.nextInt(METHODS.length)],
                "M",
                BACKBONES[rnd.nextInt(2)],
                OPTIMIZERS[rnd.nextInt(2)],
                LEVELS[rnd.nextInt(2)],
                source,
                literature ? null : rnd.nextInt(4),
                literature ? (rnd.nextBoolean() ? 3 : null) : null,
                literature || rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(3),
                protocol,
                baselineProtocol,
                baselineOptimizer,
                literature ? "Paper " + rnd.nextInt(3) : null,
                published,
                values);
    }

    /** The same run with another source and values: a verdict or a new evaluation. */
    private static BoardCalculator.RunFacts changed(Random rnd, BoardCalculator.RunFacts r) {
        Map<String, Double> values = new LinkedHashMap<>(r.values());
        values.replaceAll((k, v) -> v + rnd.nextInt(5) - 2);
        RowSource source = r.source() == RowSource.CLAIMED ? RowSource.VERIFIED : r.source();
        return new BoardCalculator.RunFacts(
                r.runId(),
                r.methodId(),
                r.methodName(),
                r.backboneId(),
                r.optimizer(),
                r.gradientLevel(),
                source,
                r.seed(),
                r.reportedSeeds(),
                r.owner(),
                r.protocol(),
                r.baselineProtocol(),
                r.baselineOptimizer(),
                r.citation(),
                r.published(),
                values);
    }

    private static List<BoardCalculator.BoardRow> full(Map<Long, BoardCalculator.RunFacts> all) {
        List<BoardCalculator.RunFacts> runs = new ArrayList<>(all.values());
        runs.sort(Comparator.comparingLong(BoardCalculator.RunFacts::runId));
        return BoardCalculator.rows(METRICS, runs);
    }

    @Test
    void shouldEqualAFullRecomputationAfterEveryRandomChange() {
        for (int trial = 0; trial < 40; trial++) {
            Random rnd = new Random(trial);
            Map<Long, BoardCalculator.RunFacts> all = new HashMap<>();
            long next = 1;
            for (int i = 0; i < rnd.nextInt(60); i++, next++) {
                all.put(next, random(rnd, next));
            }
            IncrementalBoard board = new IncrementalBoard(METRICS, all.values());
            assertThat(board.rows()).isEqualTo(full(all));
            for (int step = 0; step < 80; step++) {
                List<BoardCalculator.RunFacts> upserts = new ArrayList<>();
                List<Long> removed = new ArrayList<>();
                int batch = 1 + rnd.nextInt(3);
                for (int k = 0; k < batch; k++) {
                    int what = rnd.nextInt(10);
                    List<Long> ids = new ArrayList<>(all.keySet());
                    ids.sort(null);
                    if (what < 5 || ids.isEmpty()) {
                        BoardCalculator.RunFacts r = random(rnd, next++);
                        all.put(r.runId(), r);
                        upserts.add(r);
                    } else if (what < 8) {
                        BoardCalculator.RunFacts r =
                                changed(rnd, all.get(ids.get(rnd.nextInt(ids.size()))));
                        all.put(r.runId(), r);
                        upserts.add(r);
                    } else {
                        long id = ids.get(rnd.nextInt(ids.size()));
                        all.remove(id);
                        removed.add(id);
                    }
                }
                board.apply(upserts, removed);
                assertThat(board.rows()).as("trial %d step %d", trial, step).isEqualTo(full(all));
            }
        }
    }

    @Test
    void shouldRecomputeOnlyTheRowsOfTheChangedFamilyWhenTheBaselineStays() {
        Map<Long, BoardCalculator.RunFacts> all = new HashMap<>();
        long id = 1;
        for (String method : List.of("stl", "ew", "mgda", "famo")) {
            for (int seed = 0; seed < 3; seed++, id++) {
                all.put(
                        id,
                        new BoardCalculator.RunFacts(
                                id,
                                method,
                                method,
                                "lenet5",
                                "adam",
                                "param",
                                RowSource.VERIFIED,
                                seed,
                                null,
                                7L,
                                "mtlboard",
                                null,
                                null,
                                null,
                                BoardCalculator.Published.NONE,
                                Map.of("a.acc", 60.0 + id, "b.err", 0.2)));
            }
        }
        IncrementalBoard board = new IncrementalBoard(METRICS, all.values());
        long before = board.recomputedRows();
        BoardCalculator.RunFacts extra =
                new BoardCalculator.RunFacts(
                        id,
                        "ew",
                        "ew",
                        "lenet5",
                        "adam",
                        "param",
                        RowSource.VERIFIED,
                        5,
                        null,
                        7L,
                        "mtlboard",
                        null,
                        null,
                        null,
                        BoardCalculator.Published.NONE,
                        Map.of("a.acc", 70.0, "b.err", 0.2));
        all.put(id, extra);
        board.apply(List.of(extra), List.of());
        assertThat(board.recomputedRows() - before).isEqualTo(1);
        assertThat(board.rows()).isEqualTo(full(all));
        // a new single-task seed moves the baseline: every row of the backbone gets its Δm again
        BoardCalculator.RunFacts stl =
                new BoardCalculator.RunFacts(
                        id + 1,
                        "stl",
                        "stl",
                        "lenet5",
                        "adam",
                        "param",
                        RowSource.VERIFIED,
                        9,
                        null,
                        7L,
                        "mtlboard",
                        null,
                        null,
                        null,
                        BoardCalculator.Published.NONE,
                        Map.of("a.acc", 40.0, "b.err", 0.3));
        all.put(id + 1, stl);
        board.apply(List.of(stl), List.of());
        assertThat(board.recomputedRows() - before).isEqualTo(1 + 4);
        assertThat(board.rows()).isEqualTo(full(all));
    }
}
