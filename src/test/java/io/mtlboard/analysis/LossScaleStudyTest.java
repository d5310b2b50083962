package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loss-scale table from study bundles: head update ratios scaled over unscaled, by optimizer and encoder mode. */
class LossScaleStudyTest {

    private static void bundle(
            Path dir,
            String name,
            String optimizer,
            boolean frozen,
            double left,
            double right,
            double[] leftUpdates,
            double[] rightUpdates)
            throws IOException {
        List<Map<String, Object>> log =
                List.of(
                        Map.of(
                                "epoch",
                                1,
                                "headUpdates",
                                Map.of("left", leftUpdates[0], "right", rightUpdates[0])),
                        Map.of(
                                "epoch",
                                2,
                                "headUpdates",
                                Map.of("left", leftUpdates[1], "right", rightUpdates[1])));
        Map<String, Object> manifest =
                Map.of(
                        "optimizer",
                        optimizer,
                        "hyperParameters",
                        Map.of(
                                "lossScales",
                                Map.of("left", left, "right", right),
                                "frozenEncoder",
                                frozen),
                        "trainingLog",
                        log,
                        "claims",
                        Map.of("left.accuracy", 70.0, "right.accuracy", 60.0));
        new ObjectMapper()
                .writeValue(dir.resolve(name + ".json").toFile(), Map.of("manifest", manifest));
    }

    @Test
    void shouldDivideTheMeanHeadUpdatesOfTheScaledRunByTheUnscaledOnes(@TempDir Path dir)
            throws IOException {
        // SGD: mean updates (10 + 30)/2 = 20 against (1 + 3)/2 = 2 → 10; right (0.1 + 0.3)/2
        // against 2 → 0.1
        bundle(
                dir,
                "sgd-scaled",
                "sgd",
                true,
                10,
                0.1,
                new double[] {10, 30},
                new double[] {0.1, 0.3});
        bundle(dir, "sgd-plain", "sgd", true, 1, 1, new double[] {1, 3}, new double[] {1, 3});
        // Adam: the same update sizes whatever the scale → 1; its unscaled partner for the trained
        // encoder is missing
        bundle(
                dir,
                "adam-scaled",
                "adam",
                true,
                10,
                0.1,
                new double[] {0.02, 0.02},
                new double[] {0.02, 0.02});
        bundle(
                dir,
                "adam-plain",
                "adam",
                true,
                1,
                1,
                new double[] {0.02, 0.02},
                new double[] {0.02, 0.02});
        bundle(
                dir,
                "adam-free",
                "adam",
                false,
                10,
                0.1,
                new double[] {0.02, 0.02},
                new double[] {0.02, 0.02});
        LossScaleStudy.View v = new LossScaleStudy(null).read("multifashion", dir);
        assertThat(v.rows()).hasSize(2);
        LossScaleStudy.Row sgd =
                v.rows().stream()
                        .filter(r -> r.optimizer().equals("sgd"))
                        .findFirst()
                        .orElseThrow();
        assertThat(sgd.ratios().get("left")).isCloseTo(10, within(1e-12));
        assertThat(sgd.ratios().get("right")).isCloseTo(0.1, within(1e-12));
        assertThat(sgd.scales()).containsEntry("left", 10.0);
        LossScaleStudy.Row adam =
                v.rows().stream()
                        .filter(r -> r.optimizer().equals("adam"))
                        .findFirst()
                        .orElseThrow();
        assertThat(adam.ratios().get("left")).isCloseTo(1, within(1e-12));
        assertThat(adam.frozenEncoder()).isTrue();
        assertThat(v.note()).isNull();
    }

    @Test
    void shouldSaySoWhenThereAreNoRuns(@TempDir Path dir) {
        assertThat(new LossScaleStudy(null).read("nyuv2", dir.resolve("missing")).note())
                .contains("No loss-scale runs");
    }
}
