package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.support.CodeVersion;
import io.mtlboard.training.net.MultiTaskNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped after an epoch and resumed from its checkpoint ends exactly as the run that was
 * not stopped: the same parameters bit for bit, the same training log (but for wall times) and
 * the same checkpoint facts, for methods with every kind of state — none, an EMA, learnable
 * weights with their own optimizer, a random source, re-evaluation after the step — at both
 * levels, with Adam and SGD, for the three single-task networks and under a cosine schedule.
 */
class TrainerCheckpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TrainingSettings SETTINGS =
            new TrainingSettings(
                    3,
                    64,
                    1e-3,
                    "train-subset",
                    512,
                    200,
                    4,
                    true,
                    0.3,
                    FeatureGradients.FLAT,
                    0.9);
    private static ReferenceData data;

    @BeforeAll
    static void load() throws IOException {
        data = StepFixture.referenceData("multifashion", SETTINGS);
    }

    /** The run's end: every parameter's values, the log without wall times, the convergence facts. */
    private record End(
            List<float[]> parameters,
            String log,
            String convergence,
            List<Integer> resumed,
            List<Map<String, Object>> codeSegments) {}

    private static End train(TrainingSettings settings, RunSpec spec, RunCheckpoint checkpoint)
            throws Exception {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Trainer.Outcome o = new Trainer(data, settings, n -> {}).train(spec, m, checkpoint);
            List<float[]> parameters = new ArrayList<>();
            for (MultiTaskNet net : o.nets()) {
                for (Parameter p : net.sharedParameters()) {
                    parameters.add(p.getArray().toFloatArray());
                }
                for (int h = 0; h < net.heads().size(); h++) {
                    for (Parameter p : net.headParameters(h)) {
                        parameters.add(p.getArray().toFloatArray());
                    }
                }
            }
            List<Map<String, Object>> log = new ArrayList<>();
            for (Map<String, Object> e : o.log()) {
                Map<String, Object> copy = new LinkedHashMap<>(e);
                copy.remove("seconds");
                log.add(copy);
            }
            return new End(
                    parameters,
                    JSON.writeValueAsString(log),
                    JSON.writeValueAsString(o.convergence()),
                    o.resumedAfter(),
                    o.codeSegments());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ew,param,adam,constant",
        "stl,param,adam,constant",
        "pcgrad,param,adam,constant",
        "db-mtl,feature,adam,constant",
        "uw,param,sgd,constant",
        "famo,param,adam,cosine",
        "graddrop,feature,sgd,cosine",
        "nash-mtl,param,adam,constant"
    })
    void shouldEndAResumedRunExactlyAsTheRunThatWasNotStopped(
            String method, String level, String optimizer, String schedule, @TempDir Path dir)
            throws Exception {
        TrainingSettings settings = SETTINGS.withLrSchedule(LrSchedule.parse(schedule));
        RunSpec spec =
                new RunSpec(
                        "multifashion",
                        "lenet5",
                        method,
                        optimizer,
                        GradientLevel.valueOf(level.toUpperCase()),
                        4);
        End whole = train(settings, spec, null);
        End again = train(settings, spec, null);
        assertThat(again.parameters().get(0))
                .as("deterministic")
                .containsExactly(whole.parameters().get(0));
        // a run with checkpoints leaves the one after epoch 2 of 3 behind (it is deleted only
        // once the bundle is written), as a run stopped during epoch 3 would
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("cp"), "run-a");
        End withCheckpoints = train(settings, spec, checkpoint);
        assertThat(withCheckpoints.resumed()).isEmpty();
        assertThat(JSON.readTree(dir.resolve("cp/state.json").toFile()).get("epoch").asInt())
                .isEqualTo(2);
        End resumed = train(settings, spec, checkpoint);
        assertThat(resumed.resumed()).containsExactly(2);
        // the code of both segments: this build's, from epoch 1 and from epoch 3
        Map<String, Object> code = CodeVersion.current().map(CodeVersion::toMap).orElse(null);
        assertThat(resumed.codeSegments())
                .containsExactly(
                        Trainer.codeSegment(1, CodeVersion.current().orElse(null)),
                        Trainer.codeSegment(3, CodeVersion.current().orElse(null)));
        assertThat(resumed.codeSegments().get(1).get("code")).isEqualTo(code);
        // a checkpoint written before code segments were recorded: its earlier segments' code is
        // unknown, said as null
        assertThat(
                        Trainer.priorSegments(
                                JSON.readTree("{\"epoch\": 5, \"resumedAfter\": [2]}"), List.of(2)))
                .containsExactly(Trainer.codeSegment(1, null), Trainer.codeSegment(3, null));
        for (End end : List.of(withCheckpoints, resumed)) {
            assertThat(end.parameters()).hasSameSizeAs(whole.parameters());
            for (int i = 0; i < whole.parameters().size(); i++) {
                assertThat(end.parameters().get(i))
                        .as("%s parameter %d", end == resumed ? "resumed" : "with checkpoints", i)
                        .containsExactly(whole.parameters().get(i));
            }
            assertThat(end.log()).isEqualTo(whole.log());
            assertThat(end.convergence()).isEqualTo(whole.convergence());
        }
    }

    @Test
    void shouldStartOverFromACheckpointOfAnotherRunOrWithDamagedArrays(@TempDir Path dir)
            throws Exception {
        RunSpec spec = new RunSpec("multifashion", "lenet5", "ew", "adam", GradientLevel.PARAM, 4);
        End whole = train(SETTINGS, spec, null);
        train(SETTINGS, spec, new RunCheckpoint(dir.resolve("cp"), "run-a"));
        // another identity: not resumed
        End other = train(SETTINGS, spec, new RunCheckpoint(dir.resolve("cp"), "run-b"));
        assertThat(other.resumed()).isEmpty();
        assertThat(other.log()).isEqualTo(whole.log());
        // run-b's own checkpoint (epoch 2) with a flipped byte in its arrays: not resumed
        Path arrays = dir.resolve("cp/arrays-2.bin");
        byte[] bytes = Files.readAllBytes(arrays);
        bytes[bytes.length - 1] ^= 1;
        Files.write(arrays, bytes);
        End damaged = train(SETTINGS, spec, new RunCheckpoint(dir.resolve("cp"), "run-b"));
        assertThat(damaged.resumed()).isEmpty();
        assertThat(damaged.log()).isEqualTo(whole.log());
        new RunCheckpoint(dir.resolve("cp"), "run-b").delete();
        assertThat(dir.resolve("cp")).doesNotExist();
    }

    @Test
    void shouldPauseRightAfterACheckpointAndResumeToTheSameEnd(@TempDir Path dir) throws Exception {
        RunSpec spec =
                new RunSpec("multifashion", "lenet5", "pcgrad", "adam", GradientLevel.PARAM, 4);
        End whole = train(SETTINGS, spec, null);
        Path pause = dir.resolve(".pause");
        RunCheckpoint checkpoint =
                new RunCheckpoint(dir.resolve("cp"), "run-a").withPauseFile(pause);
        Files.writeString(pause, "");
        // requested before the run: it stops after epoch 1, its checkpoint written
        assertThatThrownBy(() -> train(SETTINGS, spec, checkpoint))
                .isInstanceOf(RunCheckpoint.Paused.class)
                .hasMessageStartingWith("paused after epoch 1, checkpoint in ");
        assertThat(JSON.readTree(dir.resolve("cp/state.json").toFile()).get("epoch").asInt())
                .isEqualTo(1);
        Files.delete(pause);
        End resumed = train(SETTINGS, spec, checkpoint);
        assertThat(resumed.resumed()).containsExactly(1);
        for (int i = 0; i < whole.parameters().size(); i++) {
            assertThat(resumed.parameters().get(i))
                    .as("parameter %d", i)
                    .containsExactly(whole.parameters().get(i));
        }
        assertThat(resumed.log()).isEqualTo(whole.log());
    }
}
