package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.run.Published;
import java.util.List;
import java.util.Map;

/**
 * One page of a leaderboard as served by {@code GET /api/leaderboards/{id}} and rendered by the
 * leaderboard page, so that table and charts always agree. Rows are grouped by setting (backbone ×
 * protocol, largest first) and ranked within it; claimed rows follow in their own section.
 * {@code defaultOrder} is the order the sort key has when none is asked for (best first).
 */
public record LeaderboardView(
        Ref benchmark,
        ConventionView convention,
        String rankRule,
        List<MetricColumn> metrics,
        Filters filters,
        String sort,
        String order,
        String defaultOrder,
        int total,
        int page,
        int size,
        int pages,
        List<SettingView> settings,
        List<LeaderboardRowView> rows) {

    /** Which Δm convention ranks the rows and what it means. */
    public record ConventionView(String id, String label, String sign) {}

    /** A metric column. */
    public record MetricColumn(
            String key,
            String task,
            String name,
            String title,
            boolean higherIsBetter,
            String unit) {}

    /**
     * The filters applied; empty lists mean no filter. {@code q} is the search over method names,
     * ids and citations (null without one): {@code total} then counts the rows it found, and their
     * ranks stay those of the board without it.
     */
    public record Filters(
            List<String> backbone,
            List<String> optimizer,
            List<String> gradientLevel,
            List<String> source,
            List<String> method,
            List<String> setting,
            String crossProtocol,
            String q) {}

    /** Mean, sample std (null for one value) and count. */
    public record Stat(double mean, Double std, int n) {

        static Stat of(SeedStats s) {
            return s == null ? null : new Stat(s.mean(), s.std(), s.n());
        }
    }

    /**
     * Δm of a row in both conventions, gain sign (positive = better than single-task), and per
     * convention how it compares with the single-task baseline given the seed noise of both: {@code
     * better}, {@code worse} or {@code within-noise} ({@link BaselineComparison}); null when
     * neither side has an interval (one seed each and no printed std). A row without a std of its
     * own (one seed, no printed std) is ranked and compared with its setting's pooled seed std
     * where that is firm enough ({@link SeedNoise}): {@code perTaskPooledStd} and {@code
     * flatPooledStd} give it, null for rows with an interval of their own. {@code perTaskPrintedStd}
     * and {@code flatPrintedStd} give the std over seeds a publication printed, as far as it is the
     * std of that convention's Δm (printed for it, or for the other where both conventions are
     * the same average: {@link io.mtlboard.benchmark.metric.DeltaM#printedStd}); null otherwise.
     */
    public record DeltaMView(
            Stat perTask,
            Stat flat,
            String sign,
            Baseline baseline,
            String perTaskVsBaseline,
            String flatVsBaseline,
            Double perTaskPooledStd,
            Double flatPooledStd,
            Double perTaskPrintedStd,
            Double flatPrintedStd) {}

    /**
     * The single-task rows a Δm is relative to: their source, optimizer and protocol;
     * {@code crossProtocol} when they come from another publication than the row,
     * {@code otherOptimizer} when they were trained with another optimizer.
     */
    public record Baseline(
            List<Long> runIds,
            String source,
            String citation,
            String optimizer,
            String protocol,
            String protocolName,
            boolean crossProtocol,
            boolean otherOptimizer) {}

    /** The setting of a row: id ({@code backbone@protocol}) and label. */
    public record SettingRef(String id, String label) {}

    /** A protocol: the pipeline behind a setting's numbers. */
    public record ProtocolView(
            String id, String name, String citation, String url, String description) {}

    /** One bar of a setting's Δm chart: a ranked row. */
    public record ChartBar(String label, double mean, Double std, String source, Integer rank) {}

    /**
     * One setting among the filtered rows: its rows, how many are ranked, how many are
     * cross-protocol (their single-task baseline comes from another protocol; ranked only when the
     * query includes them), the pages of this view that list its rows, its single-task baseline
     * (null when it has none), the data of its Δm chart (ranked rows only; claimed rows never) and
     * how much of its ranking rests on one seed ({@link SeedNoise}).
     */
    public record SettingView(
            String id,
            String label,
            Ref backbone,
            ProtocolView protocol,
            int rows,
            int ranked,
            int crossProtocol,
            List<Integer> pages,
            Baseline baseline,
            List<ChartBar> chart,
            SeedNoise seedNoise) {}

    /**
     * One row. {@code rank} is the rank within its setting, null for rows that are not ranked, with
     * {@code unranked} saying why; {@code role} is {@code ranked}, {@code baseline}, {@code claimed},
     * {@code cross-protocol} or {@code no-baseline}. {@code key} identifies the row across reloads
     * and new seeds ({@link #rowKey}); {@code links} are its paper and code (the run's own, else the
     * method's paper and its authors' code); {@code efficiency} is measured for verified and reference rows (null when not).
     * {@code levelCaveat} is the method's feature-level caveat on a feature-level row (why the row is
     * not a variant of the method, e.g. DB-MTL and MoCo), else null. {@code boardRank} is the row's
     * rank on the whole board when a filter (optimizer, gradient level, source, method) ranks it
     * among fewer rows of its setting than the board does, else null.
     */
    public record LeaderboardRowView(
            Integer rank,
            Ref method,
            String methodLabel,
            Ref backbone,
            String optimizer,
            String gradientLevel,
            String source,
            Integer seeds,
            List<Long> runIds,
            String citation,
            Map<String, Stat> metrics,
            DeltaMView deltaM,
            Published published,
            SettingRef setting,
            String role,
            String unranked,
            String key,
            Links links,
            Efficiency efficiency,
            String levelCaveat,
            BoardRank boardRank) {

        /** The same row with its links and efficiency. */
        public LeaderboardRowView with(Links links, Efficiency efficiency) {
            return new LeaderboardRowView(
                    rank,
                    method,
                    methodLabel,
                    backbone,
                    optimizer,
                    gradientLevel,
                    source,
                    seeds,
                    runIds,
                    citation,
                    metrics,
                    deltaM,
                    published,
                    setting,
                    role,
                    unranked,
                    key,
                    links,
                    efficiency,
                    levelCaveat,
                    boardRank);
        }
    }

    /**
     * A row's rank on the whole board ({@code rank}) among the {@code of} rows its setting ranks
     * there, shown beside its rank under filters that leave out rows of its setting.
     */
    public record BoardRank(int rank, int of) {}

    /**
     * A row's paper and code (either may be null). {@code codeSource} says whose code it is: {@code
     * run} the code its runs' submitter linked, which wins; {@code method} the authors' official
     * repository from the method registry; null without code.
     */
    public record Links(String paper, String code, String codeSource) {

        public static final String RUN = "run";
        public static final String METHOD = "method";
    }

    /**
     * Efficiency of a row as measured by the evaluator, mean over its runs that have it: parameter
     * count, latency per sample (ms) and throughput (samples/s); {@code runs} measured.
     */
    public record Efficiency(Double parameters, Double latencyMs, Double throughput, int runs) {}

    /**
     * The key of a row, stable across reloads and new seeds: {@code
     * setting~method~optimizer~gradientLevel~source}, the grouping that makes a row.
     */
    public static String rowKey(
            String settingId, String methodId, String optimizer, String level, String source) {
        return String.join("~", settingId, methodId, optimizer, level, source);
    }
}
