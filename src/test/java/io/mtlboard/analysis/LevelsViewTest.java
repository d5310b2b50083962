package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The levels page's counts per setting: a method is paired once per protocol. */
class LevelsViewTest {

    private static PairView pair(String method, String setting, Boolean gains) {
        return new PairView(
                method,
                method,
                new Ref("multifashion", "MultiFashion"),
                new Ref("lenet5", "LeNet-5-style"),
                new LeaderboardView.SettingRef(setting, "LeNet-5-style · " + setting),
                "reference",
                null,
                null,
                gains == null ? null : gains ? 0.5 : -0.5,
                gains,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldCountPairsAndGainsPerSettingInOrderOfAppearance() {
        List<LevelsView.SettingCount> counts =
                LevelsView.bySetting(
                        List.of(
                                pair("mgda", "lenet5@v2", true),
                                pair("mgda", "lenet5@v1", true),
                                pair("pcgrad", "lenet5@v2", false),
                                pair("imtl", "lenet5@v2", true),
                                pair("cagrad", "lenet5@v1", null)));
        assertThat(counts)
                .containsExactly(
                        new LevelsView.SettingCount("lenet5@v2", "LeNet-5-style · lenet5@v2", 3, 2),
                        new LevelsView.SettingCount(
                                "lenet5@v1", "LeNet-5-style · lenet5@v1", 2, 1));
        assertThat(LevelsView.bySetting(List.of())).isEmpty();
    }
}
