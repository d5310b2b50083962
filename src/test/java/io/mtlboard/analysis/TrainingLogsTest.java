package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFlattenIndicatorsAndFeatureDisentanglement() {
        List<LogEpoch> log =
                TrainingLogs.fromManifest(
                        """
                {"benchmark": "multifashion", "trainingLog": [
                  {"epoch": 1, "seconds": 12.5, "losses": {"left": 0.9},
                   "indicators": {"param": {"interTask": {"cosine": -0.1, "magnitudeSimilarity": 0.8,
                                                          "relativeNorms": {"left": 1.2, "right": 0.8}, "imbalance": 1.5},
                                            "interSample": {"cosine": 0.05}},
                                  "feature": {"interTask": {"conflictRatio": 1}}},
                   "fd": {"value": 0.3, "meanEntropy": 0.48}},
                  {"epoch": 2}
                ]}""",
                        JSON);
        assertThat(log).hasSize(2);
        assertThat(log.get(0).epoch()).isEqualTo(1);
        assertThat(log.get(0).seconds()).isEqualTo(12.5);
        assertThat(log.get(0).values())
                .containsOnly(
                        entry("param.interTask.cosine", -0.1),
                        entry("param.interTask.magnitudeSimilarity", 0.8),
                        entry("param.interTask.imbalance", 1.5),
                        entry("param.interSample.cosine", 0.05),
                        entry("feature.interTask.conflictRatio", 1.0),
                        entry("fd.value", 0.3),
                        entry("fd.meanEntropy", 0.48),
                        entry("loss.total", 0.9),
                        entry("loss.geometricMean", 0.9));
        assertThat(log.get(1).seconds()).isNull();
        assertThat(log.get(1).values()).isEmpty();
    }

    @Test
    void shouldGiveAnEmptyLogWhenThereIsNone() {
        assertThat(TrainingLogs.fromManifest(null, JSON)).isEmpty();
        assertThat(TrainingLogs.fromManifest("{\"benchmark\": \"x\"}", JSON)).isEmpty();
        assertThat(TrainingLogs.fromManifest("{\"trainingLog\": {}}", JSON)).isEmpty();
        assertThat(TrainingLogs.fromManifest("not json", JSON)).isEmpty();
    }

    @Test
    void shouldSkipEntriesWithoutAnEpochAndValuesThatAreNotNumbers() {
        List<LogEpoch> log =
                TrainingLogs.fromManifest(
                        """
                {"trainingLog": [{"seconds": 3}, {"epoch": 4, "fd": {"value": "high"}, "seconds": "long"}]}""",
                        JSON);
        assertThat(log)
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.epoch()).isEqualTo(4);
                            assertThat(e.values()).isEmpty();
                            assertThat(e.seconds()).isNull();
                        });
    }

    @Test
    void shouldSumTheTaskLossesOnlyWhenEveryOneIsANumber() {
        List<LogEpoch> log =
                TrainingLogs.fromManifest(
                        """
                {"trainingLog": [
                  {"epoch": 1, "losses": {"left": 0.75, "right": 0.5, "depth": 2.25}},
                  {"epoch": 2, "losses": {"left": 0.75, "right": "NaN"}},
                  {"epoch": 3, "losses": {}},
                  {"epoch": 4, "losses": [1, 2]}
                ]}""",
                        JSON);
        // and their geometric mean: (0.75 · 0.5 · 2.25)^(1/3) = (27/32)^(1/3) = 3 / 2^(5/3)
        assertThat(log.get(0).values())
                .containsOnlyKeys("loss.total", "loss.geometricMean")
                .containsEntry("loss.total", 3.5);
        assertThat(log.get(0).values().get("loss.geometricMean"))
                .isCloseTo(3 / Math.pow(2, 5.0 / 3), within(1e-15));
        assertThat(log.subList(1, 4)).allSatisfy(e -> assertThat(e.values()).isEmpty());
    }

    @Test
    void shouldTakeTheGeometricMeanOnlyOfPositiveLossesAndRankAlikeWhateverEachTasksScale() {
        List<LogEpoch> log =
                TrainingLogs.fromManifest(
                        """
                {"trainingLog": [
                  {"epoch": 1, "losses": {"seg": 1.0, "depth": 0.0}},
                  {"epoch": 2, "losses": {"seg": 2.0, "depth": -1.0}},
                  {"epoch": 3, "losses": {"seg": 2.0, "depth": 0.02}},
                  {"epoch": 4, "losses": {"seg": 1.0, "depth": 0.05}},
                  {"epoch": 5, "losses": {"seg": 200.0, "depth": 0.02}},
                  {"epoch": 6, "losses": {"seg": 100.0, "depth": 0.05}}
                ]}""",
                        JSON);
        // a loss of 0 or below has no logarithm: only the sum is kept
        assertThat(log.get(0).values()).containsOnlyKeys("loss.total");
        assertThat(log.get(1).values()).containsOnlyKeys("loss.total");
        // epochs 3 and 4: the sum follows the large segmentation loss (2.02 > 1.05), the geometric
        // mean weighs both tasks alike (√0.04 = 0.2 < √0.05 ≈ 0.224); scaling segmentation by 100
        // (epochs 5 and 6) multiplies the geometric means by 10 and leaves their order
        Map<String, Double> e3 = log.get(2).values();
        Map<String, Double> e4 = log.get(3).values();
        assertThat(e3.get("loss.total")).isGreaterThan(e4.get("loss.total"));
        assertThat(e3.get("loss.geometricMean")).isCloseTo(0.2, within(1e-15));
        assertThat(e4.get("loss.geometricMean")).isCloseTo(Math.sqrt(0.05), within(1e-15));
        assertThat(log.get(4).values().get("loss.geometricMean"))
                .isCloseTo(10 * e3.get("loss.geometricMean"), within(1e-12));
        assertThat(log.get(5).values().get("loss.geometricMean"))
                .isCloseTo(10 * e4.get("loss.geometricMean"), within(1e-12));
    }
}
