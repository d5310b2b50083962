package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradients page's two granularities: Elich et al.'s per-sample indicators and the batch-level
 * ones, read from the same training log and compared inter-task against inter-sample.
 */
class GradientGranularityTest {

    private static final String LOG =
            """
            {"trainingLog": [
              {"epoch": 1, "indicators": {"param": {
                "interTask": {"cosine": 0.5}, "interSample": {"cosine": 0.6},
                "interTaskPerSample": {"cosine": -0.1}, "interSamplePerSample": {"cosine": -0.3}}}},
              {"epoch": 2, "indicators": {"param": {
                "interTask": {"cosine": 0.7}, "interSample": {"cosine": 0.8},
                "interTaskPerSample": {"cosine": 0.1}, "interSamplePerSample": {"cosine": -0.1}}}}]}
            """;

    private static List<AnalysisRow> rows() {
        List<LogEpoch> log = TrainingLogs.fromManifest(LOG, new ObjectMapper());
        return List.of(Rows.row("ew", -1.0, List.of(Rows.run(1, log))));
    }

    @Test
    void shouldReadBothGranularitiesFromOneLog() {
        List<LogEpoch> log = TrainingLogs.fromManifest(LOG, new ObjectMapper());
        assertThat(log.get(0).values())
                .containsEntry("param.interTask.cosine", 0.5)
                .containsEntry("param.interTaskPerSample.cosine", -0.1)
                .containsEntry("param.interSamplePerSample.cosine", -0.3);
    }

    @Test
    void shouldCompareThePerSampleIndicatorsWhenAskedForThem() {
        GradientsView.Comparison c =
                GradientsService.comparison(rows(), "param", "cosine", "per-sample");
        assertThat(c.interTask().values().mean()).isCloseTo(0.0, within(1e-12));
        assertThat(c.interSample().values().mean()).isCloseTo(-0.2, within(1e-12));
        assertThat(c.rows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.interTask().mean()).isCloseTo(0.0, within(1e-12));
                            assertThat(r.interSample().mean()).isCloseTo(-0.2, within(1e-12));
                        });
    }

    @Test
    void shouldKeepTheBatchLevelIndicatorsAsTheSecondGranularity() {
        GradientsView.Comparison c =
                GradientsService.comparison(rows(), "param", "cosine", "batch");
        assertThat(c.interTask().values().mean()).isCloseTo(0.6, within(1e-12));
        assertThat(c.interSample().values().mean()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void shouldDefineEachGranularityInOneLine() {
        assertThat(GradientsService.DEFINITIONS.get("per-sample"))
                .contains("one and the same sample")
                .contains("two different samples")
                .contains("up to 8 samples")
                .contains("Elich et al.");
        assertThat(GradientsService.DEFINITIONS.get("batch")).contains("two halves of the batch");
    }
}
