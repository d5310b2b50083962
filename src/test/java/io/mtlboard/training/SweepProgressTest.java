package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepProgressTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private final SweepProgress bar =
            new SweepProgress(
                    new PrintStream(text, true, StandardCharsets.UTF_8), 1000, 2, nanos::get);

    @Test
    void estimatesFromTheRateOfThisProcess() {
        assertThat(bar.remaining()).isNaN();
        nanos.addAndGet(10_000_000_000L);
        bar.steps(250);
        // 250 steps in 10 s, 750 left
        assertThat(bar.remaining()).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void stepsDoneBeforeAResumeCountAsDoneButNotTowardTheRate() {
        bar.resumed(500);
        assertThat(bar.remaining()).isNaN();
        nanos.addAndGet(10_000_000_000L);
        bar.steps(100);
        // 100 steps in 10 s, 400 left: 40 s, not 10 s / 600 steps × 400
        assertThat(bar.remaining()).isCloseTo(40.0, within(1e-9));
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains(" 60% 0/2 runs")
                .contains("ETA 0m40s");
    }

    @Test
    void skippedRunsLeaveTheTotal() {
        bar.skip(600);
        nanos.addAndGet(20_000_000_000L);
        bar.steps(100);
        assertThat(bar.remaining()).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void clockReadsMinutesAndHours() {
        assertThat(SweepProgress.clock(Double.NaN)).isEqualTo("--");
        assertThat(SweepProgress.clock(125)).isEqualTo("2m05s");
        assertThat(SweepProgress.clock(3 * 3600 + 7 * 60 + 20)).isEqualTo("3h07m");
    }
}
