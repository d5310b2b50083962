package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.RowSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Filters, ranks, sorts and pages the aggregated rows of a board into a {@link LeaderboardView}.
 * Ranks restart in every setting; single-task, claimed and cross-protocol rows are not ranked
 * (cross-protocol rows are when the query includes them). Rows are ordered by setting (the setting
 * with the most rows first, its baseline row on top), claimed rows last.
 */
final class LeaderboardPager {

    private LeaderboardPager() {}

    static LeaderboardView page(Board board, LeaderboardQuery q, String rankRule) {
        List<BoardCalculator.BoardRow> filtered =
                board.rows().stream().filter(r -> matches(r, q)).toList();
        // the seed noise of every setting over its ranked rows, per convention: single-seed rows
        // are ranked and compared with the pooled std where it is firm enough (SeedNoise)
        Map<String, List<Integer>> bySetting = SettingRanks.rankedBySetting(filtered, q);
        boolean coincide = board.conventionsCoincide();
        Map<String, SeedNoise> taskNoise =
                SettingRanks.seedNoise(filtered, bySetting, DeltaM.Convention.PER_TASK, coincide);
        Map<String, SeedNoise> flatNoise =
                SettingRanks.seedNoise(filtered, bySetting, DeltaM.Convention.FLAT, coincide);
        Map<String, SeedNoise> noise =
                q.convention() == DeltaM.Convention.PER_TASK ? taskNoise : flatNoise;
        List<Integer> filteredRanks = SettingRanks.ranks(filtered, q, bySetting, noise, coincide);
        Map<BoardCalculator.BoardRow, LeaderboardView.BoardRank> boardRanks =
                SettingRanks.boardRanks(board, filtered, bySetting, q, coincide);
        Map<String, Integer> settingOrder = settingOrder(board, filtered);
        // the search narrows the ranked rows: a row it finds keeps its rank on the board
        List<String> terms = q.searchTerms();
        List<BoardCalculator.BoardRow> rows = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < filtered.size(); i++) {
            if (found(board, filtered.get(i), terms)) {
                rows.add(filtered.get(i));
                ranks.add(filteredRanks.get(i));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(comparator(q, rows, ranks, settingOrder));
        int total = rows.size();
        // the pages that list each row
        int[] pageOf = new int[rows.size()];
        for (int p = 0; p < order.size(); p++) {
            pageOf[order.get(p)] = (int) (p / (long) q.size()) + 1;
        }
        long from = Math.min((long) (q.page() - 1) * q.size(), total);
        long to = Math.min(from + q.size(), total);
        List<LeaderboardView.LeaderboardRowView> views = new ArrayList<>();
        Map<List<Long>, BoardCalculator.BoardRow> byRuns = new HashMap<>();
        board.rows().forEach(r -> byRuns.putIfAbsent(r.runIds(), r));
        for (int i = (int) from; i < to; i++) {
            int index = order.get(i);
            BoardCalculator.BoardRow row = rows.get(index);
            views.add(
                    LeaderboardRows.view(
                            board,
                            row,
                            ranks.get(index),
                            boardRanks.get(row),
                            byRuns,
                            taskNoise,
                            flatNoise));
        }
        int pages = total == 0 ? 1 : (int) ((total + (long) q.size() - 1) / q.size());
        DeltaM.Convention c = q.convention();
        return new LeaderboardView(
                new Ref(board.benchmark().id, board.benchmark().name),
                new LeaderboardView.ConventionView(
                        c.id(), c.label(), "gain: positive = better than single-task"),
                rankRule,
                board.columns(),
                new LeaderboardView.Filters(
                        q.backbones(),
                        q.optimizers(),
                        q.gradientLevels(),
                        q.sources().stream().map(RowSource::id).toList(),
                        q.methods(),
                        q.settings(),
                        q.includeCrossProtocol() ? "include" : "exclude",
                        q.search() == null || q.search().isBlank() ? null : q.search()),
                q.sort(),
                q.descending() ? "desc" : "asc",
                q.defaultDescending() ? "desc" : "asc",
                total,
                q.page(),
                q.size() == Integer.MAX_VALUE ? total : q.size(),
                pages,
                settings(board, rows, ranks, pageOf, settingOrder, q, noise, coincide),
                views);
    }

    /** The same view with only the rows of one method (ranks and settings stay those of the whole board). */
    static LeaderboardView restrict(LeaderboardView v, String methodId) {
        List<LeaderboardView.LeaderboardRowView> rows =
                v.rows().stream().filter(r -> r.method().id().equals(methodId)).toList();
        return new LeaderboardView(
                v.benchmark(),
                v.convention(),
                v.rankRule(),
                v.metrics(),
                v.filters(),
                v.sort(),
                v.order(),
                v.defaultOrder(),
                rows.size(),
                1,
                rows.size(),
                1,
                v.settings(),
                rows);
    }

    private static boolean matches(BoardCalculator.BoardRow r, LeaderboardQuery q) {
        return (q.backbones().isEmpty() || q.backbones().contains(r.backboneId()))
                && (q.optimizers().isEmpty() || q.optimizers().contains(r.optimizer()))
                && (q.gradientLevels().isEmpty() || q.gradientLevels().contains(r.gradientLevel()))
                && (q.sources().isEmpty() || q.sources().contains(r.source()))
                && (q.methods().isEmpty() || q.methods().contains(r.methodId()))
                && (q.settings().isEmpty() || q.settings().contains(r.settingId()));
    }

    /**
     * Whether a row contains every search word in its method name, id or label (MGDA-UB) or its
     * citation, case-insensitive.
     */
    static boolean found(Board board, BoardCalculator.BoardRow r, List<String> terms) {
        if (terms.isEmpty()) {
            return true;
        }
        String text =
                String.join(
                                " ",
                                r.methodName(),
                                r.methodId(),
                                LeaderboardRows.methodLabel(board, r),
                                r.citation() == null ? "" : r.citation())
                        .toLowerCase(java.util.Locale.ROOT);
        return terms.stream().allMatch(text::contains);
    }

    /** Settings by number of listed (non-claimed) rows, largest first, then by label. */
    private static Map<String, Integer> settingOrder(
            Board board, List<BoardCalculator.BoardRow> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (BoardCalculator.BoardRow r : rows) {
            counts.merge(
                    r.settingId(), r.role() == BoardCalculator.Role.CLAIMED ? 0 : 1, Integer::sum);
        }
        // a setting of an earlier version of a reference protocol follows the later version's
        List<String> ids = new ArrayList<>(counts.keySet());
        ids.sort(
                Comparator.<String, Boolean>comparing(id -> Protocols.superseded(id, counts))
                        .thenComparingInt(id -> -counts.get(id))
                        .thenComparing(id -> label(board, id)));
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            order.put(ids.get(i), i);
        }
        return order;
    }

    static String label(Board board, String settingId) {
        int at = settingId.lastIndexOf('@');
        String backbone = settingId.substring(0, at);
        String protocol = settingId.substring(at + 1);
        return board.backboneNames().getOrDefault(backbone, backbone)
                + " · "
                + board.protocols()
                        .getOrDefault(
                                protocol,
                                new Protocols.Protocol(protocol, protocol, null, null, null))
                        .name();
    }

    private static List<LeaderboardView.SettingView> settings(
            Board board,
            List<BoardCalculator.BoardRow> rows,
            List<Integer> ranks,
            int[] pageOf,
            Map<String, Integer> settingOrder,
            LeaderboardQuery q,
            Map<String, SeedNoise> noise,
            boolean coincide) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).role() != BoardCalculator.Role.CLAIMED) {
                members.computeIfAbsent(rows.get(i).settingId(), k -> new ArrayList<>()).add(i);
            }
        }
        List<LeaderboardView.SettingView> settings = new ArrayList<>();
        members.entrySet().stream()
                .sorted(Comparator.comparing(e -> settingOrder.get(e.getKey())))
                .forEach(
                        e -> {
                            List<Integer> ranked =
                                    e.getValue().stream()
                                            .filter(i -> ranks.get(i) != null)
                                            .sorted(
                                                    Comparator.<Integer>comparingInt(ranks::get)
                                                            .thenComparing(
                                                                    i ->
                                                                            -SettingRanks.deltaM(
                                                                                            rows
                                                                                                    .get(
                                                                                                            i),
                                                                                            q
                                                                                                    .convention())
                                                                                    .mean()))
                                            .toList();
                            BoardCalculator.BoardRow first = rows.get(e.getValue().get(0));
                            // the baseline most rows of the setting are compared with
                            Map<List<Long>, Long> uses = new LinkedHashMap<>();
                            Map<List<Long>, BoardCalculator.Baseline> byRuns = new HashMap<>();
                            (ranked.isEmpty() ? e.getValue() : ranked)
                                    .stream()
                                            .map(i -> rows.get(i).baseline())
                                            .filter(b -> b != null)
                                            .forEach(
                                                    b -> {
                                                        uses.merge(b.runIds(), 1L, Long::sum);
                                                        byRuns.putIfAbsent(b.runIds(), b);
                                                    });
                            BoardCalculator.Baseline baseline =
                                    uses.entrySet().stream()
                                            .max(Comparator.comparingLong(Map.Entry::getValue))
                                            .map(u -> byRuns.get(u.getKey()))
                                            .orElse(null);
                            List<LeaderboardView.ChartBar> chart =
                                    ranked.stream()
                                            .map(
                                                    i -> {
                                                        SeedStats d =
                                                                SettingRanks.deltaM(
                                                                        rows.get(i),
                                                                        q.convention());
                                                        return new LeaderboardView.ChartBar(
                                                                LeaderboardRows.chartLabel(
                                                                        board, rows.get(i)),
                                                                d.mean(),
                                                                SettingRanks.spread(
                                                                        rows.get(i),
                                                                        d,
                                                                        q.convention(),
                                                                        coincide),
                                                                rows.get(i).source().id(),
                                                                ranks.get(i));
                                                    })
                                            .toList();
                            int singleSeed = 0;
                            int means = 0;
                            for (int i : ranked) {
                                SeedStats d = SettingRanks.deltaM(rows.get(i), q.convention());
                                if (SettingRanks.spread(rows.get(i), d, q.convention(), coincide)
                                        == null) {
                                    singleSeed++;
                                    Integer n = rows.get(i).seeds();
                                    if (d != null && Math.max(d.n(), n == null ? 0 : n) >= 2) {
                                        means++;
                                    }
                                }
                            }
                            SeedNoise settingNoise = noise.get(e.getKey());
                            Protocols.Protocol p = board.protocols().get(first.protocol());
                            settings.add(
                                    new LeaderboardView.SettingView(
                                            e.getKey(),
                                            label(board, e.getKey()),
                                            new Ref(
                                                    first.backboneId(),
                                                    board.backboneNames()
                                                            .getOrDefault(
                                                                    first.backboneId(),
                                                                    first.backboneId())),
                                            p == null
                                                    ? new LeaderboardView.ProtocolView(
                                                            first.protocol(),
                                                            first.protocol(),
                                                            null,
                                                            null,
                                                            null)
                                                    : new LeaderboardView.ProtocolView(
                                                            p.id(),
                                                            p.name(),
                                                            p.citation(),
                                                            p.url(),
                                                            p.description()),
                                            e.getValue().size(),
                                            ranked.size(),
                                            (int)
                                                    e.getValue().stream()
                                                            .filter(
                                                                    i ->
                                                                            rows.get(i).role()
                                                                                    == BoardCalculator
                                                                                            .Role
                                                                                            .CROSS_PROTOCOL)
                                                            .count(),
                                            e.getValue().stream()
                                                    .map(i -> pageOf[i])
                                                    .distinct()
                                                    .sorted()
                                                    .toList(),
                                            LeaderboardRows.baselineView(board, first, baseline),
                                            chart,
                                            settingNoise == null
                                                    ? null
                                                    : settingNoise.withSingleSeed(
                                                            singleSeed, means)));
                        });
        return settings;
    }

    private static Comparator<Integer> comparator(
            LeaderboardQuery q,
            List<BoardCalculator.BoardRow> rows,
            List<Integer> ranks,
            Map<String, Integer> settingOrder) {
        Comparator<Integer> sections =
                Comparator.<Integer, Boolean>comparing(
                                i -> rows.get(i).role() == BoardCalculator.Role.CLAIMED)
                        .thenComparing(i -> settingOrder.get(rows.get(i).settingId()))
                        .thenComparing(i -> rows.get(i).role() != BoardCalculator.Role.BASELINE);
        Comparator<Integer> byRank =
                nullsLast(i -> ranks.get(i) == null ? null : ranks.get(i).doubleValue(), false);
        Comparator<Integer> primary =
                switch (q.sort()) {
                    case "rank" ->
                            nullsLast(
                                    i -> ranks.get(i) == null ? null : ranks.get(i).doubleValue(),
                                    q.descending());
                    case "deltaM" ->
                            nullsLast(
                                    i -> {
                                        SeedStats d =
                                                SettingRanks.deltaM(rows.get(i), q.convention());
                                        return d == null ? null : d.mean();
                                    },
                                    q.descending());
                    case "seeds" ->
                            nullsLast(
                                    i ->
                                            rows.get(i).seeds() == null
                                                    ? null
                                                    : rows.get(i).seeds().doubleValue(),
                                    q.descending());
                    case "method" -> {
                        Comparator<Integer> c =
                                Comparator.comparing(i -> rows.get(i).methodName().toLowerCase());
                        yield q.descending() ? c.reversed() : c;
                    }
                    default ->
                            nullsLast(
                                    i -> {
                                        SeedStats s = rows.get(i).metrics().get(q.sort());
                                        return s == null ? null : s.mean();
                                    },
                                    q.descending());
                };
        // rows sharing a rank keep the order they were ranked in (Δm), not the alphabet
        Comparator<Integer> asRanked =
                nullsLast(
                        i -> {
                            SeedStats d = SettingRanks.deltaM(rows.get(i), q.convention());
                            return d == null ? null : d.mean();
                        },
                        true);
        return sections.thenComparing(primary)
                .thenComparing(byRank)
                .thenComparing(asRanked)
                .thenComparing(i -> rows.get(i).methodName().toLowerCase())
                .thenComparing(i -> rows.get(i).backboneId());
    }

    /** Orders by a nullable number, rows without a value last whatever the direction. */
    private static Comparator<Integer> nullsLast(
            Function<Integer, Double> value, boolean descending) {
        Comparator<Double> numbers =
                descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(value, Comparator.nullsLast(numbers));
    }
}
