package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.metric.DeltaM;
import java.util.List;
import java.util.Map;

/** All aggregated rows of a benchmark with its metric columns, at one data version. */
record Board(
        long version,
        Benchmark benchmark,
        List<BoardCalculator.MetricInfo> metrics,
        List<LeaderboardView.MetricColumn> columns,
        List<BoardCalculator.BoardRow> rows,
        Map<String, String> featureNames,
        Map<String, String> featureCaveats,
        Map<String, String> backboneNames,
        Map<String, Protocols.Protocol> protocols) {

    /**
     * Whether Δm per task and flat Δm are the same average on this benchmark, so that a printed std
     * of the one is the std of the other ({@link DeltaM#conventionsCoincide}).
     */
    boolean conventionsCoincide() {
        return DeltaM.conventionsCoincide(
                metrics.stream().map(BoardCalculator.MetricInfo::task).toList());
    }

    /** The ids of the settings that have rows, in no particular order. */
    List<String> settingIds() {
        return rows.stream().map(BoardCalculator.BoardRow::settingId).distinct().sorted().toList();
    }
}
