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
 * @param search words every listed row must contain (method name or id, its label, citation),
 *     case-insensitive; empty = no search. It narrows the rows after ranking, so a row found keeps
 *     the rank it has on the board
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
        int size,
        String search) {

    /** Longest search the leaderboard takes. */
    public static final int MAX_SEARCH = 100;

    /** A query without a search. */
    public LeaderboardQuery(
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
        this(
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
                page,
                size,
                "");
    }

    /** The lower-case words of the search; empty without one. */
    List<String> searchTerms() {
        if (search == null || search.isBlank()) {
            return List.of();
        }
        return List.of(search.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+"));
    }

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
                Integer.MAX_VALUE,
                search);
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
                Integer.toString(size),
                search == null ? "" : search);
    }
}
