package io.mtlboard.benchmark;

import java.util.List;
import java.util.Map;

/**
 * What the results side knows about a benchmark (row counts, single-task baselines, sources).
 * Defined here and implemented by the leaderboard so that this package does not depend on it.
 */
public interface BenchmarkStatistics {

    /**
     * A number that changes whenever any statistic below may have changed (and when the registries
     * are reloaded), so that views built from them can be cached until it does.
     */
    long version();

    /** Leaderboard rows of the benchmark. */
    int rowCount(String benchmarkId);

    /** The single-task baseline rows of the benchmark, one per setting, optimizer and source. */
    List<BaselineRow> baselines(String benchmarkId);

    /** Distinct publications and parties that contributed rows. */
    List<String> sources(String benchmarkId);

    /**
     * A single-task baseline row.
     *
     * @param setting the setting's id ({@code backbone@protocol}), as the leaderboard's filter takes it
     * @param settingLabel the setting's name: backbone and protocol
     * @param values mean per metric key
     */
    record BaselineRow(
            String setting,
            String settingLabel,
            String backbone,
            String backboneName,
            String optimizer,
            String source,
            String citation,
            Integer seeds,
            Map<String, Double> values,
            List<Long> runIds) {}
}
