package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-epoch training-log entry from hand-made step records. */
class EpochLogTest {

    private static final double[][] ORTHOGONAL = {{1, 0}, {0, 2}};
    // task 0's halves agree (cosine 1), task 1's halves are opposite (cosine −1)
    private static final double[][][] HALVES = {{{0.5, 0}, {0.5, 0}}, {{0, 1}, {0, -3}}};
    // each feature element is used by one task only: FD = 1
    private static final double[][] FEATURES = {{1, 0, 3}, {0, 2, 0}};

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(Map<String, Object> map, String... path) {
        Map<String, Object> m = map;
        for (String p : path) {
            m = (Map<String, Object>) m.get(p);
        }
        return m;
    }

    @Test
    void shouldAverageLossesAndIndicatorsOverStepsWhenTheEpochEnds() {
        EpochLog log = new EpochLog(List.of("left", "right"));
        log.add(
                new StepRecord(
                        new double[] {2, 4}, new double[] {1, 1}, ORTHOGONAL, HALVES, FEATURES),
                0);
        log.add(new StepRecord(new double[] {1, 2}, new double[] {0.5, 1.5}, null, null, null), 0);
        Map<String, Object> e = log.entry(3, 12.5, Map.of("left.accuracy", 70.0));
        assertThat(e).containsEntry("epoch", 3).containsEntry("seconds", 12.5);
        assertThat(get(e, "losses")).containsEntry("left", 1.5).containsEntry("right", 3.0);
        assertThat(get(e, "weights")).containsEntry("left", 0.75).containsEntry("right", 1.25);
        Map<String, Object> interTask = get(e, "indicators", "param", "interTask");
        assertThat((double) interTask.get("cosine")).isCloseTo(0, within(1e-12));
        assertThat((double) interTask.get("magnitudeSimilarity"))
                .isCloseTo(2 * 1 * 2 / 5.0, within(1e-12));
        assertThat(get(e, "indicators", "param", "interTask", "relativeNorms"))
                .containsEntry("left", 1 / 1.5)
                .containsEntry("right", 2 / 1.5);
        Map<String, Object> interSample = get(e, "indicators", "param", "interSample");
        assertThat((double) interSample.get("cosine")).isCloseTo(0, within(1e-12));
        assertThat((double) interSample.get("conflictRatio")).isCloseTo(0.5, within(1e-12));
        assertThat(interSample).doesNotContainKey("relativeNorms");
        assertThat(get(e, "indicators", "feature")).containsOnlyKeys("interTask");
        assertThat((double) get(e, "fd").get("value")).isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldKeepEachNetworksTaskApartWhenSingleTaskNetworksShareTheLog() {
        EpochLog log = new EpochLog(List.of("left", "right"));
        log.add(
                new StepRecord(
                        new double[] {2},
                        new double[] {1},
                        null,
                        new double[][][] {HALVES[0]},
                        null),
                0);
        log.add(
                new StepRecord(
                        new double[] {5},
                        new double[] {1},
                        null,
                        new double[][][] {HALVES[1]},
                        null),
                1);
        Map<String, Object> e = log.entry(1, 1, Map.of());
        assertThat(get(e, "losses")).containsEntry("left", 2.0).containsEntry("right", 5.0);
        assertThat(get(e, "indicators")).containsOnlyKeys("param");
        assertThat(get(e, "indicators", "param")).containsOnlyKeys("interSample");
        assertThat(e).doesNotContainKey("fd");
    }

    /**
     * Per-sample gradients [task][sample], three samples. By hand: inter-task per sample, sample 0
     * (1,0) vs (0,1): cosine 0; sample 1 (1,1) vs (−1,−1): cosine −1; sample 2 (2,0) vs (1,0): cosine 1,
     * magnitude similarity 2·2·1/(4+1) = 0.8 → mean cosine 0, mean magnitude (1 + 1 + 0.8)/3. Inter-sample
     * per task over the three pairs: task 0 cosines 1/√2, 1, 1/√2; task 1 cosines −1/√2, 0, −1/√2 → the
     * mean over tasks of the mean over pairs is (1 + √2 − √2)/6 = 1/6.
     */
    @Test
    void shouldCompareTasksOnOneSampleAndOneTaskOnTwoSamplesWhenPerSampleGradientsAreLogged() {
        double[][][] perSample = {{{1, 0}, {1, 1}, {2, 0}}, {{0, 1}, {-1, -1}, {1, 0}}};
        EpochLog log = new EpochLog(List.of("left", "right"));
        log.add(
                new StepRecord(
                        new double[] {2, 4},
                        new double[] {1, 1},
                        ORTHOGONAL,
                        HALVES,
                        FEATURES,
                        perSample,
                        perSample),
                0);
        Map<String, Object> e = log.entry(1, 1, Map.of());
        for (String level : List.of("param", "feature")) {
            Map<String, Object> task = get(e, "indicators", level, "interTaskPerSample");
            assertThat((double) task.get("cosine")).isCloseTo(0, within(1e-12));
            assertThat((double) task.get("magnitudeSimilarity")).isCloseTo(2.8 / 3, within(1e-12));
            assertThat((double) task.get("conflictRatio")).isCloseTo(1 / 3.0, within(1e-12));
            Map<String, Object> sample = get(e, "indicators", level, "interSamplePerSample");
            assertThat((double) sample.get("cosine")).isCloseTo(1 / 6.0, within(1e-12));
            assertThat((double) sample.get("conflictRatio")).isCloseTo(1 / 3.0, within(1e-12));
        }
        // the batch-level indicators stay as they were, next to the per-sample ones
        assertThat(get(e, "indicators", "param"))
                .containsOnlyKeys(
                        "interTask", "interSample", "interTaskPerSample", "interSamplePerSample");
        assertThat((double) get(e, "indicators", "param", "interTask").get("cosine"))
                .isCloseTo(0, within(1e-12));
    }
}
