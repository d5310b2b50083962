package io.mtlboard.leaderboard;

import java.util.List;
import java.util.Map;

/**
 * One page of a leaderboard as served by {@code GET /api/leaderboards/{id}} and rendered by the
 * leaderboard page, so that table and charts always agree. {@code defaultOrder} is the order the
 * sort key has when none is asked for (best first).
 */
public record LeaderboardView(Ref benchmark, ConventionView convention, String rankRule,
        List<MetricColumn> metrics, Filters filters, String sort, String order, String defaultOrder, int total, int page, int size,
        int pages, List<LeaderboardRowView> rows) {

    /** An id and a display name. */
    public record Ref(String id, String name) {
    }

    /** Which Δm convention ranks the rows and what it means. */
    public record ConventionView(String id, String label, String sign) {
    }

    /** A metric column. */
    public record MetricColumn(String key, String task, String name, String title, boolean higherIsBetter,
            String unit) {
    }

    /** The filters applied; empty lists mean no filter. */
    public record Filters(List<String> backbone, List<String> optimizer, List<String> gradientLevel,
            List<String> source, List<String> method) {
    }

    /** Mean, sample std (null for one value) and count. */
    public record Stat(double mean, Double std, int n) {

        static Stat of(SeedStats s) {
            return s == null ? null : new Stat(s.mean(), s.std(), s.n());
        }
    }

    /** Δm of a row in both conventions, gain sign (positive = better than single-task). */
    public record DeltaMView(Stat perTask, Stat flat, String sign, Baseline baseline) {
    }

    /** The single-task rows a Δm is relative to. */
    public record Baseline(List<Long> runIds, String source, String citation, String optimizer) {
    }

    /** Published Δm values where the publication gave them, for comparison with the recomputed ones. */
    public record Published(Double deltaMPerTask, Double deltaMPerTaskStd, Double deltaMFlat) {
    }

    /** One row. */
    public record LeaderboardRowView(Integer rank, Ref method, String methodLabel, Ref backbone, String optimizer,
            String gradientLevel, String source, Integer seeds, List<Long> runIds, String citation,
            Map<String, Stat> metrics, DeltaMView deltaM, Published published) {
    }
}
