package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.metric.DeltaM;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** Filters, ranks, sorts and pages the aggregated rows of a board into a {@link LeaderboardView}. */
final class LeaderboardPager {

    private LeaderboardPager() {
    }

    static LeaderboardView page(LeaderboardService.Board board, LeaderboardQuery q, String rankRule) {
        List<BoardCalculator.BoardRow> rows = board.rows().stream().filter(r -> matches(r, q)).toList();
        List<Integer> ranks = Ranking.ranks(rows.stream().map(r -> {
            SeedStats d = deltaM(r, q.convention());
            return new Ranking.Entry(r.source().tier(), d == null ? null : d.mean(), d == null ? null : d.std());
        }).toList());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(comparator(q, rows, ranks));
        int total = rows.size();
        long from = Math.min((long) (q.page() - 1) * q.size(), total);
        long to = Math.min(from + q.size(), total);
        List<LeaderboardView.LeaderboardRowView> views = new ArrayList<>();
        for (int i = (int) from; i < to; i++) {
            int index = order.get(i);
            views.add(view(board, rows.get(index), ranks.get(index)));
        }
        int pages = total == 0 ? 1 : (int) ((total + (long) q.size() - 1) / q.size());
        DeltaM.Convention c = q.convention();
        return new LeaderboardView(new LeaderboardView.Ref(board.benchmark().id, board.benchmark().name),
                new LeaderboardView.ConventionView(c.id(), c.label(), "gain: positive = better than single-task"),
                rankRule, board.columns(),
                new LeaderboardView.Filters(q.backbones(), q.optimizers(), q.gradientLevels(),
                        q.sources().stream().map(RowSource::id).toList(), q.methods()),
                q.sort(), q.descending() ? "desc" : "asc", q.defaultDescending() ? "desc" : "asc", total, q.page(), q.size() == Integer.MAX_VALUE ? total : q.size(),
                pages, views);
    }

    /** The same view with only the rows of one method (ranks stay those of the whole board). */
    static LeaderboardView restrict(LeaderboardView v, String methodId) {
        List<LeaderboardView.LeaderboardRowView> rows = v.rows().stream()
                .filter(r -> r.method().id().equals(methodId)).toList();
        return new LeaderboardView(v.benchmark(), v.convention(), v.rankRule(), v.metrics(), v.filters(), v.sort(),
                v.order(), v.defaultOrder(), rows.size(), 1, rows.size(), 1, rows);
    }

    private static boolean matches(BoardCalculator.BoardRow r, LeaderboardQuery q) {
        return (q.backbones().isEmpty() || q.backbones().contains(r.backboneId()))
                && (q.optimizers().isEmpty() || q.optimizers().contains(r.optimizer()))
                && (q.gradientLevels().isEmpty() || q.gradientLevels().contains(r.gradientLevel()))
                && (q.sources().isEmpty() || q.sources().contains(r.source()))
                && (q.methods().isEmpty() || q.methods().contains(r.methodId()));
    }

    private static SeedStats deltaM(BoardCalculator.BoardRow r, DeltaM.Convention c) {
        return c == DeltaM.Convention.PER_TASK ? r.deltaMPerTask() : r.deltaMFlat();
    }

    private static Comparator<Integer> comparator(LeaderboardQuery q, List<BoardCalculator.BoardRow> rows,
            List<Integer> ranks) {
        Comparator<Integer> byRank = nullsLast(i -> ranks.get(i) == null ? null : ranks.get(i).doubleValue(), false);
        Comparator<Integer> primary = switch (q.sort()) {
            case "rank" -> nullsLast(i -> ranks.get(i) == null ? null : ranks.get(i).doubleValue(), q.descending());
            case "deltaM" -> nullsLast(i -> {
                SeedStats d = deltaM(rows.get(i), q.convention());
                return d == null ? null : d.mean();
            }, q.descending());
            case "seeds" -> nullsLast(i -> rows.get(i).seeds() == null ? null : rows.get(i).seeds().doubleValue(),
                    q.descending());
            case "method" -> {
                Comparator<Integer> c = Comparator.comparing(i -> rows.get(i).methodName().toLowerCase());
                yield q.descending() ? c.reversed() : c;
            }
            default -> nullsLast(i -> {
                SeedStats s = rows.get(i).metrics().get(q.sort());
                return s == null ? null : s.mean();
            }, q.descending());
        };
        // rows sharing a rank keep the order they were ranked in (tier, then Δm), not the alphabet
        Comparator<Integer> asRanked = Comparator.<Integer>comparingInt(i -> rows.get(i).source().tier())
                .thenComparing(nullsLast(i -> {
                    SeedStats d = deltaM(rows.get(i), q.convention());
                    return d == null ? null : d.mean();
                }, true));
        return primary.thenComparing(byRank).thenComparing(asRanked)
                .thenComparing(i -> rows.get(i).methodName().toLowerCase()).thenComparing(i -> rows.get(i).backboneId());
    }

    /** Orders by a nullable number, rows without a value last whatever the direction. */
    private static Comparator<Integer> nullsLast(Function<Integer, Double> value, boolean descending) {
        Comparator<Double> numbers = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(value, Comparator.nullsLast(numbers));
    }

    private static LeaderboardView.LeaderboardRowView view(LeaderboardService.Board board,
            BoardCalculator.BoardRow r, Integer rank) {
        var metrics = new java.util.LinkedHashMap<String, LeaderboardView.Stat>();
        r.metrics().forEach((k, s) -> metrics.put(k, LeaderboardView.Stat.of(s)));
        LeaderboardView.Baseline baseline = r.baseline() == null ? null : new LeaderboardView.Baseline(
                r.baseline().runIds(), r.baseline().source().id(), r.baseline().citation(), r.baseline().optimizer());
        LeaderboardView.DeltaMView deltaM = r.deltaMPerTask() == null ? null : new LeaderboardView.DeltaMView(
                LeaderboardView.Stat.of(r.deltaMPerTask()), LeaderboardView.Stat.of(r.deltaMFlat()), "gain", baseline);
        LeaderboardView.Published published = r.publishedTask() == null && r.publishedFlat() == null ? null
                : new LeaderboardView.Published(r.publishedTask(), r.publishedTaskStd(), r.publishedFlat());
        String label = "feature".equals(r.gradientLevel()) && board.featureNames().containsKey(r.methodId())
                ? board.featureNames().get(r.methodId()) : r.methodName();
        return new LeaderboardView.LeaderboardRowView(rank, new LeaderboardView.Ref(r.methodId(), r.methodName()),
                label, new LeaderboardView.Ref(r.backboneId(), board.backboneNames().getOrDefault(r.backboneId(),
                        r.backboneId())),
                r.optimizer(), r.gradientLevel(), r.source().id(), r.seeds(), r.runIds(), r.citation(), metrics, deltaM,
                published);
    }
}
