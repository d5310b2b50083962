package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows get distinct names on the analysis pages: level and protocol are part of the name. */
class AnalysisLabelTest {

    private static LeaderboardView.LeaderboardRowView row(
            String method, String methodLabel, String level, String setting, String optimizer) {
        return new LeaderboardView.LeaderboardRowView(
                1,
                new Ref(method, method.toUpperCase()),
                methodLabel,
                new Ref("lenet5", "LeNet-5-style"),
                optimizer,
                level,
                "reference",
                1,
                List.of(1L),
                null,
                Map.of(),
                null,
                null,
                new LeaderboardView.SettingRef(setting, "LeNet-5-style · " + setting),
                "ranked",
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldNameTheGradientLevelAndTheProtocol() {
        assertThat(AnalysisData.label(row("imtl", "IMTL", "param", "lenet5@mf-lenet5-v2", "adam")))
                .isEqualTo("IMTL · LeNet-5-style · mf-lenet5-v2 · adam · reference");
        // a method without a feature-level name of its own: the level is said
        assertThat(
                        AnalysisData.label(
                                row("imtl", "IMTL", "feature", "lenet5@mf-lenet5-v2", "adam")))
                .isEqualTo(
                        "IMTL (feature level) · LeNet-5-style · mf-lenet5-v2 · adam · reference");
        // one with a name of its own (MGDA-UB) keeps it
        assertThat(
                        AnalysisData.label(
                                row("mgda", "MGDA-UB", "feature", "lenet5@mf-lenet5-v1", "sgd")))
                .isEqualTo("MGDA-UB · LeNet-5-style · mf-lenet5-v1 · sgd · reference");
        assertThat(
                        AnalysisData.label(
                                row(
                                        "mgda",
                                        "MGDA-UB",
                                        "feature",
                                        "lenet5@mf-lenet5-v1",
                                        "unreported")))
                .isEqualTo("MGDA-UB · LeNet-5-style · mf-lenet5-v1 · reference");
    }
}
