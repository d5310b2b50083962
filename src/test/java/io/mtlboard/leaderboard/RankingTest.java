package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static Ranking.Entry e(double score) {
        return new Ranking.Entry(0, score, null);
    }

    @Test
    void shouldShareRankOnExactTiesWithoutSpread() {
        assertThat(Ranking.ranks(List.of(e(1), e(3), e(2), e(2)))).containsExactly(4, 1, 2, 2);
    }

    @Test
    void shouldShareRankWhenIntervalsOverlapTheGroupLeader() {
        List<Ranking.Entry> entries =
                List.of(
                        new Ranking.Entry(0, 5.0, 1.0), // [4, 6]   leader
                        new Ranking.Entry(0, 4.5, 0.0), // overlaps the leader -> 1
                        new Ranking.Entry(
                                0, 3.9, 0.05), // |5 - 3.9| = 1.1 > 1.05 -> new group at position 3
                        new Ranking.Entry(0, 3.0, 1.0)); // |3.9 - 3| = 0.9 <= 1.05 -> shares 3
        assertThat(Ranking.ranks(entries)).containsExactly(1, 1, 3, 3);
    }

    @Test
    void shouldRankClaimedTierAfterEvidenceEvenWithBetterScore() {
        List<Ranking.Entry> entries =
                List.of(
                        new Ranking.Entry(1, 10.0, null),
                        new Ranking.Entry(0, -2.0, null),
                        new Ranking.Entry(0, 1.0, null));
        assertThat(Ranking.ranks(entries)).containsExactly(3, 2, 1);
    }

    @Test
    void shouldNotShareRankAcrossTiersEvenWhenEqual() {
        List<Ranking.Entry> entries =
                List.of(new Ranking.Entry(0, 1.0, null), new Ranking.Entry(1, 1.0, null));
        assertThat(Ranking.ranks(entries)).containsExactly(1, 2);
    }

    @Test
    void shouldLeaveRowsWithoutScoreUnranked() {
        assertThat(Ranking.ranks(List.of(e(2), new Ranking.Entry(0, null, null), e(5))))
                .containsExactly(2, null, 1);
    }
}
