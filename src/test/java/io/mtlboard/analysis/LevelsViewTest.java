package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The levels page's counts per setting (a method is paired once per protocol) and the order of its
 * pairs: those of one setting read together.
 */
class LevelsViewTest {

    private static PairView pair(String method, String setting, Boolean gains) {
        return pair(method, setting, gains == null ? null : gains ? 0.5 : -0.5);
    }

    private static PairView pair(String method, String setting, Double difference) {
        return new PairView(
                method,
                method,
                new Ref("multifashion", "MultiFashion"),
                new Ref("lenet5", "LeNet-5-style"),
                new LeaderboardView.SettingRef(setting, "LeNet-5-style · " + setting),
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
    void shouldCountPairsAndGainsPerSettingInOrderOfAppearance() {
        List<LevelsView.SettingCount> counts =
                LevelsView.bySetting(
                        List.of(
                                pair("mgda", "lenet5@v2", true),
                                pair("mgda", "lenet5@v1", true),
                                pair("pcgrad", "lenet5@v2", false),
                                pair("imtl", "lenet5@v2", true),
                                pair("cagrad", "lenet5@v1", (Boolean) null)));
        assertThat(counts)
                .containsExactly(
                        new LevelsView.SettingCount("lenet5@v2", "LeNet-5-style · lenet5@v2", 3, 2),
                        new LevelsView.SettingCount(
                                "lenet5@v1", "LeNet-5-style · lenet5@v1", 2, 1));
        assertThat(LevelsView.bySetting(List.of())).isEmpty();
    }

    @Test
    void shouldGroupPairsBySettingMostPairsFirstThenBestGainFirst() {
        List<PairView> sorted =
                PairedAnalysisService.sorted(
                        List.of(
                                pair("mgda", "lenet5@v1", 0.9),
                                pair("imtl", "lenet5@v2", -0.2),
                                pair("pcgrad", "lenet5@v2", 0.1),
                                pair("cagrad", "lenet5@v2", (Double) null),
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
        // the tables head each setting's pairs with its name and count, once
        List<String> headings = new java.util.ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            headings.add(io.mtlboard.web.AnalysisFormat.groupHeading(sorted, i, true));
        }
        assertThat(headings)
                .containsExactly(
                        "LeNet-5-style · lenet5@v2 · 4 pairs",
                        null,
                        null,
                        null,
                        "LeNet-5-style · lenet5@v1 · 2 pairs",
                        null);
        // the optimizer page can span benchmarks: its headings name the benchmark too
        assertThat(io.mtlboard.web.AnalysisFormat.groupHeading(sorted.subList(5, 6), 0, false))
                .isEqualTo("MultiFashion · LeNet-5-style · lenet5@v1 · 1 pair");
    }
}
