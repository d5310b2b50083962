package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairs of one setting read together, the setting with the most pairs first. */
class PairOrderTest {

    private static PairView pair(String method, String setting, Double difference) {
        return new PairView(
                method,
                method.toUpperCase(),
                new Ref("mf", "MultiFashion"),
                new Ref("lenet5", "LeNet-5"),
                new LeaderboardView.SettingRef(setting, setting),
                "reference",
                null,
                null,
                difference,
                difference == null ? null : difference > 0,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldGroupPairsBySettingMostPairsFirstThenBestGainFirst() {
        List<PairView> sorted =
                PairedAnalysisService.sorted(
                        List.of(
                                pair("mgda", "lenet5@v1", 0.9),
                                pair("imtl", "lenet5@v2", -0.2),
                                pair("pcgrad", "lenet5@v2", 0.1),
                                pair("cagrad", "lenet5@v2", null),
                                pair("gradvac", "lenet5@v1", 0.5),
                                pair("nash-mtl", "lenet5@v2", 0.3)));
        assertThat(sorted)
                .extracting(p -> p.setting().id() + " " + p.method())
                .containsExactly(
                        "lenet5@v2 nash-mtl",
                        "lenet5@v2 pcgrad",
                        "lenet5@v2 imtl",
                        "lenet5@v2 cagrad", // no difference: last of its setting
                        "lenet5@v1 mgda",
                        "lenet5@v1 gradvac");
    }
}
