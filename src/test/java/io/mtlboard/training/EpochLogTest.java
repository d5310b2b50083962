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
        log.add(new StepRecord(new double[] {2, 4}, new double[] {1, 1}, ORTHOGONAL, HALVES, FEATURES), 0);
        log.add(new StepRecord(new double[] {1, 2}, new double[] {0.5, 1.5}, null, null, null), 0);
        Map<String, Object> e = log.entry(3, 12.5, Map.of("left.accuracy", 70.0));
        assertThat(e).containsEntry("epoch", 3).containsEntry("seconds", 12.5);
        assertThat(get(e, "losses")).containsEntry("left", 1.5).containsEntry("right", 3.0);
        assertThat(get(e, "weights")).containsEntry("left", 0.75).containsEntry("right", 1.25);
        Map<String, Object> interTask = get(e, "indicators", "param", "interTask");
        assertThat((double) interTask.get("cosine")).isCloseTo(0, within(1e-12));
        assertThat((double) interTask.get("magnitudeSimilarity")).isCloseTo(2 * 1 * 2 / 5.0, within(1e-12));
        assertThat(get(e, "indicators", "param", "interTask", "relativeNorms"))
                .containsEntry("left", 1 / 1.5).containsEntry("right", 2 / 1.5);
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
        log.add(new StepRecord(new double[] {2}, new double[] {1}, null, new double[][][] {HALVES[0]}, null), 0);
        log.add(new StepRecord(new double[] {5}, new double[] {1}, null, new double[][][] {HALVES[1]}, null), 1);
        Map<String, Object> e = log.entry(1, 1, Map.of());
        assertThat(get(e, "losses")).containsEntry("left", 2.0).containsEntry("right", 5.0);
        assertThat(get(e, "indicators")).containsOnlyKeys("param");
        assertThat(get(e, "indicators", "param")).containsOnlyKeys("interSample");
        assertThat(e).doesNotContainKey("fd");
    }
}
