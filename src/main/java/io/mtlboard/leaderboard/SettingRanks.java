package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.metric.DeltaM;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks within settings (docs/LEADERBOARD.md §3): which rows a setting ranks, the seed noise pooled
 * over them, the half-width each row is ranked and compared with, the ranks themselves (rows whose
 * mean ± spread intervals overlap the first row of a rank group share its rank), the whole board's
 * rank of rows a filter ranks among fewer, and each row's Δm against its single-task baseline.
 */
final class SettingRanks {

    private SettingRanks() {}

    static boolean ranked(BoardCalculator.BoardRow r, LeaderboardQuery q) {
        return r.role() == BoardCalculator.Role.RANKED
                || r.role() == BoardCalculator.Role.CROSS_PROTOCOL && q.includeCrossProtocol();
    }

    /** The indices of the ranked rows of every setting. */
    static Map<String, List<Integer>> rankedBySetting(
            List<BoardCalculator.BoardRow> rows, LeaderboardQuery q) {
        Map<String, List<Integer>> bySetting = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (ranked(rows.get(i), q)) {
                bySetting.computeIfAbsent(rows.get(i).settingId(), k -> new ArrayList<>()).add(i);
            }
        }
        return bySetting;
    }

    /** The seed noise of every setting in one convention, over its ranked rows. */
    static Map<String, SeedNoise> seedNoise(
            List<BoardCalculator.BoardRow> rows,
            Map<String, List<Integer>> rankedBySetting,
            DeltaM.Convention c,
            boolean coincide) {
        Map<String, SeedNoise> noise = new HashMap<>();
        rankedBySetting.forEach(
                (setting, members) -> {
                    List<SeedStats> deltaM = new ArrayList<>();
                    List<Double> spreads = new ArrayList<>();
                    List<Integer> seeds = new ArrayList<>();
                    for (int i : members) {
                        SeedStats d = deltaM(rows.get(i), c);
                        if (d != null) {
                            deltaM.add(d);
                            spreads.add(spread(rows.get(i), d, c, coincide));
                            seeds.add(rows.get(i).seeds());
                        }
                    }
                    noise.put(setting, SeedNoise.of(deltaM, spreads, seeds));
                });
        return noise;
    }

    /**
     * The half-width a row is ranked and compared with: its own {@link #spread}, else the pooled
     * std of its setting when that is firm enough (SeedNoise#standIn), else null.
     */
    static Double rankingSpread(
            BoardCalculator.BoardRow r,
            SeedStats d,
            DeltaM.Convention c,
            Map<String, SeedNoise> noise,
            boolean coincide) {
        Double own = spread(r, d, c, coincide);
        if (own != null) {
            return own;
        }
        SeedNoise n = noise.get(r.settingId());
        return n == null ? null : n.standIn();
    }

    /**
     * The whole board's rank of every filtered row of a setting whose ranked rows a filter
     * (optimizer, gradient level, source, method) narrows — ranks, ties and the pooled seed noise
     * are then computed among fewer rows than the board ranks. A backbone or setting filter keeps
     * or drops whole settings, and ranks restart in every setting, so it changes no rank.
     */
    static Map<BoardCalculator.BoardRow, LeaderboardView.BoardRank> boardRanks(
            Board board,
            List<BoardCalculator.BoardRow> filtered,
            Map<String, List<Integer>> filteredBySetting,
            LeaderboardQuery q,
            boolean coincide) {
        Set<String> shown = new HashSet<>();
        filtered.forEach(r -> shown.add(r.settingId()));
        List<BoardCalculator.BoardRow> whole =
                board.rows().stream().filter(r -> shown.contains(r.settingId())).toList();
        Map<BoardCalculator.BoardRow, LeaderboardView.BoardRank> result = new IdentityHashMap<>();
        if (whole.size() == filtered.size()) {
            return result;
        }
        Map<String, List<Integer>> bySetting = rankedBySetting(whole, q);
        Map<String, SeedNoise> noise = seedNoise(whole, bySetting, q.convention(), coincide);
        List<Integer> ranks = ranks(whole, q, bySetting, noise, coincide);
        for (int i = 0; i < whole.size(); i++) {
            BoardCalculator.BoardRow r = whole.get(i);
            List<Integer> kept = filteredBySetting.get(r.settingId());
            if (ranks.get(i) != null
                    && kept != null
                    && kept.size() < bySetting.get(r.settingId()).size()) {
                result.put(
                        r,
                        new LeaderboardView.BoardRank(
                                ranks.get(i), bySetting.get(r.settingId()).size()));
            }
        }
        return result;
    }

    /** The rank of every row within its setting; null for rows that are not ranked. */
    static List<Integer> ranks(
            List<BoardCalculator.BoardRow> rows,
            LeaderboardQuery q,
            Map<String, List<Integer>> bySetting,
            Map<String, SeedNoise> noise,
            boolean coincide) {
        Integer[] ranks = new Integer[rows.size()];
        for (List<Integer> members : bySetting.values()) {
            List<Integer> r =
                    Ranking.ranks(
                            members.stream()
                                    .map(
                                            i -> {
                                                SeedStats d = deltaM(rows.get(i), q.convention());
                                                return new Ranking.Entry(
                                                        0,
                                                        d.mean(),
                                                        rankingSpread(
                                                                rows.get(i),
                                                                d,
                                                                q.convention(),
                                                                noise,
                                                                coincide));
                                            })
                                    .toList());
            for (int k = 0; k < members.size(); k++) {
                ranks[members.get(k)] = r.get(k);
            }
        }
        return Arrays.asList(ranks);
    }

    /**
     * The half-width of a row's Δm interval: the std over its seeds, or for a literature row that
     * stands for a published mean, the std over seeds the publication printed that is the std of
     * the Δm shown ({@link DeltaM#printedStd}: for the shown convention, or for the other one where
     * both conventions coincide); else null.
     */
    static Double spread(
            BoardCalculator.BoardRow r, SeedStats d, DeltaM.Convention c, boolean coincide) {
        if (d.std() != null) {
            return d.std();
        }
        return DeltaM.printedStd(r.published().taskStd(), r.published().flatStd(), c, coincide);
    }

    static String versusBaseline(
            BoardCalculator.BoardRow r,
            BoardCalculator.BoardRow base,
            DeltaM.Convention c,
            Map<String, SeedNoise> noise,
            boolean coincide) {
        SeedStats d = deltaM(r, c);
        if (d == null || base == r) {
            return null; // the baseline row is the 0 line itself
        }
        Double baseSpread = null;
        if (base != null && deltaM(base, c) != null) {
            baseSpread = rankingSpread(base, deltaM(base, c), c, noise, coincide);
        }
        return BaselineComparison.of(d.mean(), rankingSpread(r, d, c, noise, coincide), baseSpread);
    }

    /** The pooled std a row without a spread of its own is compared with, or null. */
    static Double standIn(
            BoardCalculator.BoardRow r,
            DeltaM.Convention c,
            Map<String, SeedNoise> noise,
            boolean coincide) {
        SeedStats d = deltaM(r, c);
        if (d == null || spread(r, d, c, coincide) != null) {
            return null;
        }
        SeedNoise n = noise.get(r.settingId());
        return n == null ? null : n.standIn();
    }

    static SeedStats deltaM(BoardCalculator.BoardRow r, DeltaM.Convention c) {
        return c == DeltaM.Convention.PER_TASK ? r.deltaMPerTask() : r.deltaMFlat();
    }
}
