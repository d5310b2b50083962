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

    @Test
    void shouldNameTheCodeOfEverySegmentOfARunResumedUnderOtherCode() throws Exception {
        String a =
                "{\"commit\": \"019dcf3fe011b86400a3de49682e4437fb676753\", \"commitTime\":"
                        + " \"2026-12-07T02:55:31Z\", \"dirty\": false}";
        String b =
                "{\"commit\": \"1736805443629737eee28b97fd6343b3b3104f3f\", \"commitTime\":"
                        + " \"2026-12-07T05:32:57Z\", \"dirty\": false}";
        JsonNode training =
                JSON.readTree(
                        "{\"seconds\": 60, \"code\": "
                                + b
                                + ", \"resumedAfterEpochs\": [12, 19], \"codeSegments\": ["
                                + "{\"fromEpoch\": 1, \"code\": null},"
                                + "{\"fromEpoch\": 13, \"code\": "
                                + a
                                + "},"
                                + "{\"fromEpoch\": 20, \"code\": "
                                + b
                                + "}]}");
        assertThat(ReferenceBundleReader.codeLine(training))
                .isEqualTo(
                        "Stopped and resumed under different code: code not recorded (epochs"
                                + " 1–12); commit 019dcf3fe011 (2026-12-07T02:55:31Z) (epochs 13–19);"
                                + " commit 173680544362 (2026-12-07T05:32:57Z) (epoch 20 on).");
        // resumed under the same code: one version, as for a run never stopped
        JsonNode same =
                JSON.readTree(
                        "{\"code\": "
                                + a
                                + ", \"codeSegments\": [{\"fromEpoch\": 1, \"code\": "
                                + a
                                + "}, {\"fromEpoch\": 9, \"code\": "
                                + a
                                + "}]}");
        assertThat(ReferenceBundleReader.codeLine(same))
                .isEqualTo("Trained by the code of commit 019dcf3fe011 (2026-12-07T02:55:31Z).");
    }
}
