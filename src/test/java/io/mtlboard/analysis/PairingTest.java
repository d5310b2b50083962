package io.mtlboard.analysis;

import static io.mtlboard.analysis.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {

    @Test
    void shouldPairRowsThatDifferOnlyInTheGivenSetting() {
        AnalysisRow mgdaParam = row("mgda", "lenet5", "adam", "param", 1.0, List.of());
        AnalysisRow mgdaFeature = row("mgda", "lenet5", "adam", "feature", 2.0, List.of());
        AnalysisRow mgdaSgdFeature = row("mgda", "lenet5", "sgd", "feature", 0.5, List.of());
        AnalysisRow ewParam = row("ew", "lenet5", "adam", "param", 0.0, List.of());
        AnalysisRow otherBackbone = row("mgda", "resnet-narrow", "adam", "feature", 3.0, List.of());
        List<Pairing.Pair> pairs =
                Pairing.pair(
                        List.of(mgdaParam, ewParam, mgdaFeature, mgdaSgdFeature, otherBackbone),
                        "gradientLevel",
                        "param",
                        "feature");
        assertThat(pairs).containsExactly(new Pairing.Pair(mgdaParam, mgdaFeature));
    }

    @Test
    void shouldPairAdamWithSgd() {
        AnalysisRow adam = row("ew", "lenet5", "adam", "param", 1.0, List.of());
        AnalysisRow sgd = row("ew", "lenet5", "sgd", "param", -1.0, List.of());
        assertThat(Pairing.pair(List.of(sgd, adam), "optimizer", "adam", "sgd"))
                .containsExactly(new Pairing.Pair(adam, sgd));
        assertThat(Pairing.pair(List.of(sgd, adam), "optimizer", "adamw", "sgd")).isEmpty();
        assertThatThrownBy(() -> Pairing.pair(List.of(), "backbone", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverPairSingleTaskRowsWithThemselves() {
        AnalysisRow adam = row("stl", "lenet5", "adam", "param", 0.0, List.of());
        AnalysisRow sgd = row("stl", "lenet5", "sgd", "param", 0.0, List.of());
        assertThat(Pairing.pair(List.of(adam, sgd), "optimizer", "adam", "sgd")).isEmpty();
    }

    /** The same row in another setting (another reference protocol or publication). */
    private static AnalysisRow inSetting(AnalysisRow r, String settingId) {
        return Rows.of(
                r.key() + "@" + settingId,
                r.label(),
                r.benchmarkId(),
                r.methodId(),
                r.methodName(),
                r.methodLabel(),
                r.backboneId(),
                r.backboneName(),
                r.optimizer(),
                r.gradientLevel(),
                r.source(),
                r.citation(),
                r.runIds(),
                r.deltaM(),
                r.metrics(),
                r.runs(),
                r.runDeltaM(),
                settingId);
    }

    @Test
    void shouldNeverPairRowsOfTwoSettings() {
        AnalysisRow v1Param =
                inSetting(row("mgda", "lenet5", "adam", "param", 1.0, List.of()), "lenet5@mf-v1");
        AnalysisRow v2Feature =
                inSetting(row("mgda", "lenet5", "adam", "feature", 2.0, List.of()), "lenet5@mf-v2");
        AnalysisRow v2Param =
                inSetting(row("mgda", "lenet5", "adam", "param", 0.0, List.of()), "lenet5@mf-v2");
        assertThat(Pairing.pair(List.of(v1Param, v2Feature), "gradientLevel", "param", "feature"))
                .isEmpty();
        assertThat(
                        Pairing.pair(
                                List.of(v1Param, v2Feature, v2Param),
                                "gradientLevel",
                                "param",
                                "feature"))
                .containsExactly(new Pairing.Pair(v2Param, v2Feature));
    }
}
