package io.mtlboard.analysis;

import io.mtlboard.leaderboard.LeaderboardView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Analysis rows and logs for unit tests. */
final class Rows {

    private Rows() {}

    /** A log whose epochs 1, 2, … carry the given values of one indicator, 10 s each. */
    static List<LogEpoch> log(String key, double... values) {
        List<LogEpoch> epochs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            epochs.add(new LogEpoch(i + 1, 10.0, Map.of(key, values[i])));
        }
        return epochs;
    }

    /** A row of a setting, its seeds counted by its runs, without a printed std. */
    static AnalysisRow of(
            String key,
            String label,
            String benchmarkId,
            String methodId,
            String methodName,
            String methodLabel,
            String backboneId,
            String backboneName,
            String optimizer,
            String gradientLevel,
            String source,
            String citation,
            List<Long> runIds,
            LeaderboardView.Stat deltaM,
            Map<String, LeaderboardView.Stat> metrics,
            List<RunSummary> runs,
            Map<Long, Double> runDeltaM,
            String settingId) {
        return new AnalysisRow(
                key,
                label,
                benchmarkId,
                methodId,
                methodName,
                methodLabel,
                backboneId,
                backboneName,
                optimizer,
                gradientLevel,
                source,
                citation,
                runIds,
                deltaM,
                metrics,
                runs,
                runDeltaM,
                settingId,
                benchmarkId,
                settingId,
                runIds.size(),
                null);
    }

    /** A row without per-run Δm or setting. */
    static AnalysisRow of(
            String key,
            String label,
            String benchmarkId,
            String methodId,
            String methodName,
            String methodLabel,
            String backboneId,
            String backboneName,
            String optimizer,
            String gradientLevel,
            String source,
            String citation,
            List<Long> runIds,
            LeaderboardView.Stat deltaM,
            Map<String, LeaderboardView.Stat> metrics,
            List<RunSummary> runs) {
        return of(
                key,
                label,
                benchmarkId,
                methodId,
                methodName,
                methodLabel,
                backboneId,
                backboneName,
                optimizer,
                gradientLevel,
                source,
                citation,
                runIds,
                deltaM,
                metrics,
                runs,
                Map.of(),
                null);
    }

    static AnalysisRow row(
            String method,
            String backbone,
            String optimizer,
            String level,
            Double deltaM,
            List<RunSummary> runs) {
        String key = method + "|" + backbone + "|" + optimizer + "|" + level;
        return of(
                key,
                key,
                "bench",
                method,
                method,
                method,
                backbone,
                backbone,
                optimizer,
                level,
                "claimed",
                null,
                runs.stream().map(RunSummary::runId).toList(),
                deltaM == null ? null : new LeaderboardView.Stat(deltaM, null, 1),
                Map.of(),
                runs);
    }

    static AnalysisRow row(String method, Double deltaM, List<RunSummary> runs) {
        return row(method, "lenet5", "adam", "param", deltaM, runs);
    }

    static RunSummary run(long id, List<LogEpoch> log) {
        return RunSummary.of(id, log);
    }
}
