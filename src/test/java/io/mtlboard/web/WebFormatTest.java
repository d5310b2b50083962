package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebFormatTest {

    private static LeaderboardView.LeaderboardRowView row(String source, String citation, String optimizer,
            LeaderboardView.Baseline baseline) {
        LeaderboardView.Stat zero = new LeaderboardView.Stat(0, null, 1);
        return new LeaderboardView.LeaderboardRowView(1, new LeaderboardView.Ref("ew", "EW"), "EW",
                new LeaderboardView.Ref("net", "Net"), optimizer, "param", source, 1, List.of(1L), citation, Map.of(),
                new LeaderboardView.DeltaMView(zero, zero, "gain", baseline), null);
    }

    @Test
    void shouldMarkBaselinesFromAnotherSourcePublicationOrOptimizer() {
        var reference = new LeaderboardView.Baseline(List.of(9L), "reference", "MTLBoard reference run (stl.json)", "adam");
        // reference rows cite their own bundle files: the same source is not foreign
        assertThat(WebFormat.foreignBaseline(row("reference", "MTLBoard reference run (ew.json)", "adam", reference)))
                .isFalse();
        assertThat(WebFormat.foreignBaseline(row("verified", null, "adam", reference))).isTrue();
        assertThat(WebFormat.foreignBaseline(row("reference", "MTLBoard reference run (ew.json)", "sgd", reference)))
                .isTrue();
        var paper = new LeaderboardView.Baseline(List.of(3L), "literature", "Paper A", "unreported");
        assertThat(WebFormat.foreignBaseline(row("literature", "Paper A", "unreported", paper))).isFalse();
        assertThat(WebFormat.foreignBaseline(row("literature", "Paper B", "unreported", paper))).isTrue();
        assertThat(WebFormat.baselineTitle(row("literature", "Paper B", "unreported", paper)))
                .isEqualTo("Baseline: single-task row from Paper A, optimizer unreported");
    }
}
