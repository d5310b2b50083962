package io.mtlboard.leaderboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks leaderboard rows by a score (higher is better) with shared ranks (docs/LEADERBOARD.md
 * §3): rows are ordered by trust tier, then score; a row shares the rank of the first row of the
 * current rank group when both are in the same tier and their intervals {@code score ± spread}
 * overlap; otherwise it opens a new group whose rank is its position (competition ranking:
 * 1, 1, 3). With no spread only exact ties share a rank. Rows without a score get no rank.
 */
public final class Ranking {

    private Ranking() {}

    /**
     * One row to rank.
     *
     * @param tier trust tier, lower ranks first
     * @param score the value ranked on, higher is better; null = unranked
     * @param spread half-width of the row's interval (e.g. the std over seeds); null = 0
     */
    public record Entry(int tier, Double score, Double spread) {}

    /** The rank of every entry, in input order; null for entries without a score. */
    public static List<Integer> ranks(List<Entry> entries) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).score() != null) {
                order.add(i);
            }
        }
        order.sort(
                Comparator.<Integer>comparingInt(i -> entries.get(i).tier())
                        .thenComparing(i -> -entries.get(i).score()));
        Integer[] ranks = new Integer[entries.size()];
        Entry leader = null;
        int leaderRank = 0;
        for (int position = 0; position < order.size(); position++) {
            Entry e = entries.get(order.get(position));
            if (leader != null && leader.tier() == e.tier() && overlaps(leader, e)) {
                ranks[order.get(position)] = leaderRank;
            } else {
                leader = e;
                leaderRank = position + 1;
                ranks[order.get(position)] = leaderRank;
            }
        }
        return Arrays.asList(ranks);
    }

    private static boolean overlaps(Entry a, Entry b) {
        return Math.abs(a.score() - b.score()) <= spread(a) + spread(b);
    }

    private static double spread(Entry e) {
        return e.spread() == null ? 0.0 : e.spread();
    }
}
