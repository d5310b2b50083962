package io.mtlboard.analysis;

import static io.mtlboard.analysis.Rows.log;
import static io.mtlboard.analysis.Rows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairViewTest {

    private static AnalysisRow row(String level, double mean, Double std, List<RunSummary> runs) {
        return new AnalysisRow(
                "r-" + level,
                "MGDA · " + level,
                "bench",
                "mgda",
                "MGDA",
                "MGDA",
                "lenet5",
                "LeNet-5",
                "adam",
                level,
                "claimed",
                null,
                List.of(1L, 2L),
                new LeaderboardView.Stat(mean, std, 2),
                Map.of(),
                runs);
    }

    @Test
    void shouldCompareTheSecondRowWithTheFirst() {
        // Δm 0.5 ± 0.2 and 1.5 ± 0.3: difference 1.0 > 0.5, clear; time 2 × 10 s against 2 × 10 s ×
        // (8/10)
        AnalysisRow param = row("param", 0.5, 0.2, List.of(run(1, log("fd.value", 0.1, 0.2))));
        List<LogEpoch> faster =
                List.of(new LogEpoch(1, 8.0, Map.of()), new LogEpoch(2, 8.0, Map.of()));
        AnalysisRow feature = row("feature", 1.5, 0.3, List.of(run(2, faster)));
        PairView p = PairView.of(new Pairing.Pair(param, feature), "gradientLevel");
        assertThat(p.method()).isEqualTo("mgda");
        assertThat(p.first().setting()).isEqualTo("param");
        assertThat(p.first().other()).isEqualTo("adam");
        assertThat(p.second().seeds()).isEqualTo(2);
        assertThat(p.difference()).isCloseTo(1.0, within(1e-12));
        assertThat(p.secondBetter()).isTrue();
        assertThat(p.clear()).isTrue();
        assertThat(p.first().trainingSeconds().mean()).isCloseTo(20.0, within(1e-12));
        assertThat(p.timeRatio()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void shouldNotCallADifferenceWithinTheSeedSpreadClear() {
        AnalysisRow sgd = row("param", 0.5, 0.4, List.of());
        AnalysisRow adam = row("param", 0.2, 0.4, List.of());
        PairView p = PairView.of(new Pairing.Pair(sgd, adam), "optimizer");
        assertThat(p.first().setting()).isEqualTo("adam");
        assertThat(p.difference()).isCloseTo(-0.3, within(1e-12));
        assertThat(p.secondBetter()).isFalse();
        assertThat(p.clear()).isFalse();
        assertThat(p.timeRatio()).isNull();
        AnalysisRow oneSeed = row("param", 0.2, null, List.of());
        assertThat(PairView.of(new Pairing.Pair(sgd, oneSeed), "optimizer").clear()).isNull();
    }
}
