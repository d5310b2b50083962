package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.RowSource;
import java.util.List;

/**
 * A validated leaderboard request: filters (empty list = no filter), sort key and order, Δm
 * convention and page. Built by {@link LeaderboardService#query}, which lists every invalid
 * parameter at once.
 *
 * @param sort {@code rank}, {@code deltaM}, {@code method}, {@code seeds} or a metric key
 * @param descending whether the sort is descending
 * @param defaultDescending whether the sort key is descending when no order is given
 * @param settings settings ({@code backbone@protocol}) to show; empty = all
 * @param includeCrossProtocol whether rows whose baseline comes from another publication are ranked
 * @param page 1-based page number
 */
public record LeaderboardQuery(
        List<String> backbones,
        List<String> optimizers,
        List<String> gradientLevels,
        List<RowSource> sources,
        List<String> methods,
        List<String> settings,
        boolean includeCrossProtocol,
        String sort,
        boolean descending,
        boolean defaultDescending,
        DeltaM.Convention convention,
        int page,
        int size) {

    /** Sort keys every leaderboard has besides its metric keys. */
    public static final List<String> FIXED_SORTS = List.of("rank", "deltaM", "method", "seeds");

    /** Values of the {@code crossProtocol} parameter. */
    public static final List<String> CROSS_PROTOCOL = List.of("exclude", "include");

    /** Every row of a board, default order (by rank), on one page, in the given Δm convention. */
    public static LeaderboardQuery all(DeltaM.Convention convention) {
        return new LeaderboardQuery(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                "rank",
                false,
                false,
                convention,
                1,
                Integer.MAX_VALUE);
    }

    /** The same query with every row on one page. */
    LeaderboardQuery unpaged() {
        return new LeaderboardQuery(
                backbones,
                optimizers,
                gradientLevels,
                sources,
                methods,
                settings,
                includeCrossProtocol,
                sort,
                descending,
                defaultDescending,
                convention,
                1,
                Integer.MAX_VALUE);
    }

    /** A stable string of this query, for caches and permalinks. */
    String cacheKey() {
        return String.join(
                "|",
                backbones.toString(),
                optimizers.toString(),
                gradientLevels.toString(),
                sources.toString(),
                methods.toString(),
                settings.toString(),
                Boolean.toString(includeCrossProtocol),
                sort,
                Boolean.toString(descending),
                convention.id(),
                Integer.toString(page),
                Integer.toString(size));
    }
}
