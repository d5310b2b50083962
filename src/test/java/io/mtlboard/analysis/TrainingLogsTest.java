package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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
                        entry("loss.total", 0.9));
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
        assertThat(log.get(0).values()).containsOnly(entry("loss.total", 3.5));
        assertThat(log.subList(1, 4)).allSatisfy(e -> assertThat(e.values()).isEmpty());
    }
}
