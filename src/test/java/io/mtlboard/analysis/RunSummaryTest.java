package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void shouldAverageEachIndicatorOverLoggedEntriesAndSumTheTime() {
        // cosine logged in epochs 1, 2, 2 (two entries in epoch 2): run mean (0.1 + 0.2 + 0.4) / 3
        RunSummary s =
                RunSummary.of(
                        7,
                        List.of(
                                new LogEpoch(
                                        1,
                                        10.0,
                                        Map.of("param.interTask.cosine", 0.1, "fd.value", 0.5)),
                                new LogEpoch(2, 11.0, Map.of("param.interTask.cosine", 0.2)),
                                new LogEpoch(2, 12.5, Map.of("param.interTask.cosine", 0.4))));
        assertThat(s.runId()).isEqualTo(7);
        assertThat(s.entries()).isEqualTo(3);
        assertThat(s.mean("param.interTask.cosine")).isCloseTo(0.7 / 3, within(1e-12));
        assertThat(s.last("param.interTask.cosine")).isCloseTo(0.3, within(1e-12));
        assertThat(s.last("fd.value")).isEqualTo(0.5);
        assertThat(s.mean("fd.meanEntropy")).isNull();
        assertThat(s.trainingSeconds()).isCloseTo(33.5, within(1e-12));
    }

    @Test
    void shouldHaveNoTrainingTimeWhenAnEntryLacksIt() {
        RunSummary s =
                RunSummary.of(
                        1,
                        List.of(new LogEpoch(1, 10.0, Map.of()), new LogEpoch(2, null, Map.of())));
        assertThat(s.trainingSeconds()).isNull();
        assertThat(RunSummary.of(2, List.of()).trainingSeconds()).isNull();
        assertThat(RunSummary.of(2, List.of()).indicators()).isEmpty();
    }
}
