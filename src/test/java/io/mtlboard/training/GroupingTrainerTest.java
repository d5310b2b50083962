package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task-grouping network on a few generated FashionScenes scenes: one seed trains it the same
 * way twice, and a cosine learning-rate schedule changes the training (so a protocol's schedule
 * reaches the grouping networks).
 */
class GroupingTrainerTest {

    private static final TrainingSettings CONSTANT =
            new TrainingSettings(2, 16, 3e-3, "train", 48, 16, 10);
    private static ReferenceData data;
    private static TrainingSet validation;

    @BeforeAll
    static void load() throws IOException {
        data = StepFixture.referenceData("fashionscenes", CONSTANT);
        validation = TrainingSet.load(data.manifest, data.validation, 0, 16);
    }

    private static GroupingTrainer.Result train(TrainingSettings settings) {
        return train(settings, null);
    }

    private static GroupingTrainer.Result train(
            TrainingSettings settings, RunCheckpoint checkpoint) {
        GroupingNetwork depthHalf =
                GroupingNetwork.plan(3).stream()
                        .filter(n -> n.half() && n.tasks().equals(List.of(1)))
                        .findFirst()
                        .orElseThrow();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            return new GroupingTrainer(data, settings, validation, validation, n -> {})
                    .train(depthHalf, TaskGroupingExperiment.BACKBONE, 3, m, checkpoint);
        }
    }

    @Test
    void shouldFollowTheLrScheduleOfItsSettings() {
        GroupingTrainer.Result a = train(CONSTANT);
        GroupingTrainer.Result b = train(CONSTANT);
        GroupingTrainer.Result cosine = train(CONSTANT.withLrSchedule(LrSchedule.COSINE));
        Map<String, Double> losses = a.validation();
        assertThat(losses).containsOnlyKeys("depth");
        assertThat(losses.values()).allMatch(Double::isFinite);
        assertThat(b.validation()).as("deterministic under one seed").isEqualTo(losses);
        // 3 steps per epoch, 6 in all: the early losses are taken after step round(0.2 × 6) = 1
        assertThat(a.earlyStep()).isEqualTo(1);
        // the first step runs at the full rate under both schedules
        assertThat(cosine.validationEarly()).isEqualTo(a.validationEarly());
        assertThat(cosine.validation()).isNotEqualTo(losses);
    }

    /** A network resumed from its checkpoint after epoch 2 of 3 ends with the same losses. */
    @Test
    void shouldResumeFromItsCheckpointToTheSameLosses(@org.junit.jupiter.api.io.TempDir Path dir) {
        TrainingSettings three =
                new TrainingSettings(3, 16, 3e-3, "train", 48, 16, 10)
                        .withLrSchedule(LrSchedule.COSINE);
        GroupingTrainer.Result whole = train(three);
        RunCheckpoint checkpoint = new RunCheckpoint(dir.resolve("cp"), "net");
        // the checkpoint of epoch 2 stays until the caller deletes it, as after a stop in epoch 3
        train(three, checkpoint);
        GroupingTrainer.Result resumed = train(three, checkpoint);
        assertThat(resumed.validationEarly()).isEqualTo(whole.validationEarly());
        assertThat(resumed.validation()).isEqualTo(whole.validation());
        assertThat(resumed.test()).isEqualTo(whole.test());
        assertThat(resumed.log()).hasSize(3);
        assertThat(resumed.log().get(0)).isEqualTo(whole.log().get(0));
    }
}
