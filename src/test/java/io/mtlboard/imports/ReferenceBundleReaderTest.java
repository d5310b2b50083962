package io.mtlboard.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The evaluation log line a reference bundle gets on import. */
class ReferenceBundleReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EVALUATION =
            "{\"samples\": 10000, \"device\": \"cpu\", \"engine\": \"PyTorch 2.7.1 (DJL 0.36.0)\"}";

    @Test
    void shouldSayHowLongTrainingTookAndWhereTheRunWasEvaluated() throws Exception {
        JsonNode training = JSON.readTree("{\"seconds\": 272.04}");
        assertThat(ReferenceBundleReader.summary(JSON.readTree(EVALUATION), training))
                .isEqualTo(
                        "Reference run trained by mtlboard reference in 272.0 s; evaluated on 10000"
                                + " test samples on cpu with PyTorch 2.7.1 (DJL 0.36.0). Code version not"
                                + " recorded (the bundle predates training.code).");
    }

    @Test
    void shouldSayWhenTheRunWasTrainedAsTheLrSweepsRun() throws Exception {
        JsonNode training =
                JSON.readTree(
                        "{\"seconds\": 864.1, \"reusedFrom\":"
                                + " \"lr-sweep/mobilenet-like_ew_param_adam_seed0_lr0.003.json\"}");
        assertThat(ReferenceBundleReader.summary(JSON.readTree(EVALUATION), training))
                .isEqualTo(
                        "Reference run trained by mtlboard reference in 864.1 s as the lr sweep's run"
                                + " at this rate and seed"
                                + " (lr-sweep/mobilenet-like_ew_param_adam_seed0_lr0.003.json), the same"
                                + " training as this protocol run's, so not repeated; evaluated on 10000"
                                + " test samples on cpu with PyTorch 2.7.1 (DJL 0.36.0). Code version not"
                                + " recorded (the bundle predates training.code).");
    }

    @Test
    void shouldNameTheCommitThatTrainedTheRun() throws Exception {
        JsonNode training =
                JSON.readTree(
                        "{\"seconds\": 60, \"code\": {\"commit\":"
                                + " \"019dcf3fe011b86400a3de49682e4437fb676753\", \"commitTime\":"
                                + " \"2026-12-07T02:55:31Z\", \"dirty\": false}}");
        assertThat(ReferenceBundleReader.summary(JSON.readTree(EVALUATION), training))
                .endsWith(
                        "(DJL 0.36.0). Trained by the code of commit 019dcf3fe011"
                                + " (2026-12-07T02:55:31Z).");
        ((com.fasterxml.jackson.databind.node.ObjectNode) training.get("code")).put("dirty", true);
        assertThat(ReferenceBundleReader.summary(JSON.readTree(EVALUATION), training))
                .endsWith(
                        "Trained by the code of commit 019dcf3fe011 (2026-12-07T02:55:31Z), with"
                                + " uncommitted changes to tracked files.");
    }
}
