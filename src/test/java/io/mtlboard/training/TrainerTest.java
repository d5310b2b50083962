package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.mtlboard.evaluation.SplitScorer;
import io.mtlboard.support.CodeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short trainings on the shipped MultiFashion training subset: the same seed reproduces a run
 * exactly and another seed does not; a few epochs reduce both task losses; the bundle of a run
 * (multi-task and single-task) carries the evaluator's test metrics as claims and a manifest that
 * the published run-manifest schema accepts.
 */
class TrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ReferenceData data;
    private static final TrainingSettings SETTINGS =
            new TrainingSettings(3, 64, 1e-3, "train-subset", 512, 200, 4);

    @BeforeAll
    static void load() throws IOException {
        data = StepFixture.referenceData("multifashion", SETTINGS);
    }

    private static List<Map<String, Object>> log(String method, GradientLevel level, long seed) {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            return new Trainer(data, SETTINGS, n -> {})
                    .train(new RunSpec("multifashion", "lenet5", method, "adam", level, seed), m)
                    .log();
        }
    }

    @SuppressWarnings("unchecked")
    private static double loss(Map<String, Object> epoch, String task) {
        return ((Map<String, Double>) epoch.get("losses")).get(task);
    }

    @Test
    void shouldReproduceTheRunWhenTheSeedIsTheSame() {
        List<Map<String, Object>> a = log("pcgrad", GradientLevel.PARAM, 5);
        List<Map<String, Object>> b = log("pcgrad", GradientLevel.PARAM, 5);
        List<Map<String, Object>> c = log("pcgrad", GradientLevel.PARAM, 6);
        for (int e = 0; e < a.size(); e++) {
            assertThat(a.get(e).get("losses")).isEqualTo(b.get(e).get("losses"));
            assertThat(a.get(e).get("validation")).isEqualTo(b.get(e).get("validation"));
            assertThat(a.get(e).get("indicators")).isEqualTo(b.get(e).get("indicators"));
        }
        assertThat(c.get(0).get("losses")).isNotEqualTo(a.get(0).get("losses"));
    }

    @Test
    void shouldReduceBothLossesWhenTrainingAtTheFeatureLevel() {
        List<Map<String, Object>> log = log("mgda", GradientLevel.FEATURE, 1);
        assertThat(log).hasSize(3);
        for (String task : List.of("left", "right")) {
            assertThat(loss(log.get(2), task)).as(task).isLessThan(loss(log.get(0), task));
        }
        assertThat(log.get(0)).containsKeys("seconds", "validation", "weights", "indicators", "fd");
    }

    @Test
    void shouldWriteASchemaValidBundleWithTheMeasuredMetricsAsClaims(@TempDir Path out)
            throws IOException {
        for (String method : List.of("cagrad", "stl")) {
            RunSpec spec =
                    new RunSpec("multifashion", "lenet5", method, "adam", GradientLevel.PARAM, 2);
            Path file =
                    new ReferenceRunner(data, SETTINGS).run(spec, n -> {}, (d, t) -> {}).write(out);
            JsonNode bundle = JSON.readTree(file.toFile());
            assertThat(file.getFileName().toString())
                    .isEqualTo("lenet5_" + method + "_param_adam_seed2.json");
            assertThat(schemaErrors(bundle.get("manifest"))).isEmpty();
            assertThat(bundle.at("/manifest/claims")).isEqualTo(bundle.at("/evaluation/measured"));
            assertThat(bundle.at("/manifest/claims/left.accuracy").asDouble()).isGreaterThan(20);
            assertThat(bundle.at("/evaluation/verdict").asText()).isEqualTo("VERIFIED");
            assertThat(bundle.at("/evaluation/samples").asInt()).isEqualTo(10_000);
            // the code that trained it, as the build recorded it
            assertThat(CodeVersion.of(bundle.at("/training/code")))
                    .isEqualTo(CodeVersion.current());
            assertThat(bundle.at("/manifest/trainingLog")).hasSize(3);
            assertThat(
                            bundle.at("/manifest/trainingLog/0/indicators/param/interSample/cosine")
                                    .isNumber())
                    .isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRestoreEachNetworksBestValidationEpochWhenTheCheckpointIsBestValidation()
            throws Exception {
        TrainingSettings best =
                new TrainingSettings(
                        4,
                        64,
                        3e-3,
                        "train-subset",
                        512,
                        200,
                        4,
                        true,
                        0.3,
                        FeatureGradients.FLAT,
                        0.9);
        for (String method : List.of("ew", "stl")) {
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
                Trainer.Outcome outcome =
                        new Trainer(data, best, n -> {})
                                .train(
                                        new RunSpec(
                                                "multifashion",
                                                "lenet5",
                                                method,
                                                "adam",
                                                GradientLevel.PARAM,
                                                4),
                                        m);
                Map<String, Integer> epochs =
                        (Map<String, Integer>) outcome.convergence().get("checkpointEpoch");
                Map<String, Double> scored;
                try (TrainedModel model = new TrainedModel(outcome.nets())) {
                    scored =
                            new SplitScorer(data.manifest)
                                    .score(model.subject(), data.validation, (d, t) -> {});
                }
                for (String task : List.of("left", "right")) {
                    int epoch = epochs.get(task);
                    Map<String, Double> validation =
                            (Map<String, Double>) outcome.log().get(epoch - 1).get("validation");
                    assertThat(scored.get(task + ".accuracy"))
                            .as(method + " " + task)
                            .isCloseTo(validation.get(task + ".accuracy"), Offset.offset(1e-9));
                }
                if (method.equals("ew")) {
                    // one network: both tasks share its epoch, the one with the best mean relative
                    // accuracy
                    assertThat(epochs.get("left")).isEqualTo(epochs.get("right"));
                }
                assertThat(outcome.convergence()).containsKeys("converged", "tasks", "criterion");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldApplyTheProtocolsLrScheduleStepByStep() throws Exception {
        // the same seed trains the same network twice; a cosine schedule (rate ½ by the middle
        // of the run) must change the first epoch's result and keep it finite
        TrainingSettings constant = new TrainingSettings(2, 64, 3e-3, "train-subset", 512, 200, 4);
        Map<String, Double> first = null;
        for (TrainingSettings settings :
                List.of(constant, constant, constant.withLrSchedule(LrSchedule.COSINE))) {
            try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
                Trainer.Outcome outcome =
                        new Trainer(data, settings, n -> {})
                                .train(
                                        new RunSpec(
                                                "multifashion",
                                                "lenet5",
                                                "ew",
                                                "adam",
                                                GradientLevel.PARAM,
                                                5),
                                        m);
                Map<String, Double> losses =
                        (Map<String, Double>) outcome.log().get(0).get("losses");
                assertThat(losses.values()).allMatch(Double::isFinite);
                if (first == null) {
                    first = losses;
                } else if (settings.lrSchedule() == LrSchedule.CONSTANT) {
                    assertThat(losses).as("deterministic under one seed").isEqualTo(first);
                } else {
                    assertThat(losses).isNotEqualTo(first);
                }
            }
        }
    }

    @Test
    void shouldStoreTheCorruptedSplitSweepAndTestSplitFdInTheBundleWhenDiagnosing(@TempDir Path out)
            throws IOException {
        for (String method : List.of("ew", "stl")) {
            RunSpec spec =
                    new RunSpec("multifashion", "lenet5", method, "adam", GradientLevel.PARAM, 2);
            Path file =
                    new ReferenceRunner(
                                    data, SETTINGS, Map.of("id", "test-protocol", "hash", "abc"))
                            .withDiagnostics(true, List.of("contrast"))
                            .run(spec, n -> {}, (d, t) -> {})
                            .write(out);
            JsonNode bundle = JSON.readTree(file.toFile());
            JsonNode d = bundle.at("/evaluation/diagnostics");
            assertThat(d.path("corrupted")).hasSize(5 * 2); // 5 severities × 2 metrics
            assertThat(d.at("/corrupted/0/corruption").asText()).isEqualTo("contrast");
            // contrast at severity 5 hurts: accuracy falls below the clean one
            double clean = bundle.at("/evaluation/measured/left.accuracy").asDouble();
            for (JsonNode c : d.path("corrupted")) {
                if (c.path("severity").asInt() == 5
                        && c.path("metric").asText().equals("left.accuracy")) {
                    assertThat(c.path("value").asDouble()).isLessThan(clean);
                }
            }
            if (method.equals("ew")) {
                assertThat(d.at("/testFd/fd").asDouble()).isBetween(0.0, 1.0);
                assertThat(d.at("/testFd/meanEntropy").asDouble())
                        .isBetween(0.0, Math.log(2) + 1e-9);
                assertThat(d.at("/testFd/samples").asInt()).isEqualTo(2000);
            } else {
                assertThat(d.has("testFd")).isFalse(); // two networks share no representation
            }
            assertThat(bundle.at("/protocol/id").asText()).isEqualTo("test-protocol");
            assertThat(bundle.at("/manifest/hyperParameters/protocol").asText())
                    .isEqualTo("test-protocol");
            assertThat(schemaErrors(bundle.get("manifest"))).isEmpty();
        }
    }

    private static List<Error> schemaErrors(JsonNode manifest) throws IOException {
        try (InputStream in =
                Files.newInputStream(
                        Path.of("src/main/resources/schemas/run-manifest.schema.json"))) {
            Schema schema =
                    SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                            .getSchema(in);
            return schema.validate(manifest);
        }
    }
}
