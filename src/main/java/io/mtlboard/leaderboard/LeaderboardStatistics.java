package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.BenchmarkStatistics;
import io.mtlboard.benchmark.Method;
import io.mtlboard.run.LeaderboardVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The leaderboard's answer to {@link BenchmarkStatistics}, from the cached boards. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LeaderboardStatistics implements BenchmarkStatistics {

    private final LiveBoards boards;
    private final LeaderboardVersion version;

    LeaderboardStatistics(LiveBoards boards, LeaderboardVersion version) {
        this.boards = boards;
        this.version = version;
    }

    @Override
    public long version() {
        return version.overall();
    }

    @Override
    public int rowCount(String benchmarkId) {
        return boards.board(benchmarkId).rows().size();
    }

    @Override
    public List<BaselineRow> baselines(String benchmarkId) {
        Board board = boards.board(benchmarkId);
        return board.rows().stream()
                .filter(r -> Method.SINGLE_TASK.equals(r.methodId()))
                .map(
                        r -> {
                            Map<String, Double> values = new LinkedHashMap<>();
                            r.metrics().forEach((k, s) -> values.put(k, s.mean()));
                            return new BaselineRow(
                                    r.settingId(),
                                    LeaderboardPager.label(board, r.settingId()),
                                    r.backboneId(),
                                    board.backboneNames()
                                            .getOrDefault(r.backboneId(), r.backboneId()),
                                    r.optimizer(),
                                    r.source().id(),
                                    r.citation(),
                                    r.seeds(),
                                    values,
                                    r.runIds());
                        })
                .toList();
    }

    @Override
    public List<String> sources(String benchmarkId) {
        return boards.board(benchmarkId).rows().stream()
                .map(BoardCalculator.BoardRow::citation)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }
}
