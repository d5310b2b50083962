package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seed bootstrap intervals and noise ceilings on inputs whose answer is known. */
class SeedBootstrapTest {

    private static final Coefficient TAU = Coefficient.kendallTauB();

    /** Entries e0…e(n−1) with true value i and per-run noise of the given size, runs numbered from {@code firstRun}. */
    private static SeedScoring noisy(
            String name, int entries, int seeds, double noise, long firstRun, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        long run = firstRun;
        for (int e = 0; e < entries; e++) {
            Map<Long, Double> values = new LinkedHashMap<>();
            for (int s = 0; s < seeds; s++) {
                values.put(run++, e + noise * random.nextGaussian());
            }
            runs.put("e" + e, values);
        }
        return new SeedScoring(name, Orientation.HIGHER_IS_BETTER, runs);
    }

    @Test
    void shouldGiveADegenerateIntervalAndACeilingOfOneWhenThereIsNoSeedNoise() {
        SeedScoring a = noisy("a", 8, 3, 0, 0, 1);
        SeedScoring reversed = new SeedScoring("r", Orientation.LOWER_IS_BETTER, a.runs());
        SeedBootstrap.Interval same = SeedBootstrap.interval(a, a, TAU, 200, 5);
        assertThat(same.low()).isEqualTo(1.0);
        assertThat(same.high()).isEqualTo(1.0);
        SeedBootstrap.Interval opposite = SeedBootstrap.interval(a, reversed, TAU, 200, 5);
        assertThat(opposite.high()).isEqualTo(-1.0);
        assertThat(opposite.includesZero()).isFalse();
        SeedBootstrap.Ceiling ceiling = SeedBootstrap.noiseCeiling(a, TAU, 50, 5);
        assertThat(ceiling.value()).isEqualTo(1.0);
        assertThat(ceiling.entries()).isEqualTo(8);
    }

    @Test
    void shouldKeepScoringsOfTheSameRunsPairedWhenResampling() {
        // b is a times 2 run by run: every draw ranks both alike, whatever the noise
        SeedScoring a = noisy("a", 10, 3, 5, 0, 2);
        Map<String, Map<Long, Double>> doubled = new LinkedHashMap<>();
        a.runs()
                .forEach(
                        (e, r) -> {
                            Map<Long, Double> m = new LinkedHashMap<>();
                            r.forEach((id, v) -> m.put(id, 2 * v));
                            doubled.put(e, m);
                        });
        SeedBootstrap.Interval i =
                SeedBootstrap.interval(
                        a,
                        new SeedScoring("b", Orientation.HIGHER_IS_BETTER, doubled),
                        TAU,
                        300,
                        3);
        assertThat(i.low()).isEqualTo(1.0);
        assertThat(i.high()).isEqualTo(1.0);
    }

    @Test
    void shouldFindAZeroCeilingAndIntervalsAroundZeroWhenSeedNoiseSwampsTheDifferences() {
        // true differences of 1 between entries, noise of 1000 per seed: nothing is rankable
        SeedScoring a = noisy("a", 12, 4, 1000, 0, 3);
        SeedScoring b = noisy("b", 12, 4, 1000, 100, 4);
        SeedBootstrap.Ceiling ceiling = SeedBootstrap.noiseCeiling(a, TAU, 400, 7);
        // one data set: its ceiling scatters around 0 by about the τ of 12 random ranks (std ≈
        // 0.22)
        assertThat(ceiling.value()).isCloseTo(0.0, within(0.3));
        assertThat(ceiling.low()).isNegative();
        assertThat(ceiling.high()).isPositive();
        assertThat(SeedBootstrap.interval(a, b, TAU, 500, 7).includesZero()).isTrue();
    }

    @Test
    void shouldFindAHighCeilingAndAnIntervalAboveZeroWhenTheNoiseIsSmall() {
        SeedScoring a = noisy("a", 12, 4, 0.3, 0, 5);
        SeedScoring b = noisy("b", 12, 4, 0.3, 100, 6);
        assertThat(SeedBootstrap.noiseCeiling(a, TAU, 200, 1).value()).isGreaterThan(0.7);
        SeedBootstrap.Interval i = SeedBootstrap.interval(a, b, TAU, 500, 1);
        assertThat(i.low()).isGreaterThan(0.5);
        assertThat(i.includesZero()).isFalse();
    }

    @Test
    void shouldLeaveOutEntriesWithOneSeedFromTheCeilingAndNeedTwoEntries() {
        SeedScoring one = noisy("a", 6, 1, 1, 0, 1);
        assertThat(SeedBootstrap.noiseCeiling(one, TAU, 10, 1)).isNull();
    }

    @Test
    void shouldInterpolatePercentilesBetweenOrderStatistics() {
        // positions 0.025 · 4 = 0.1 and 0.975 · 4 = 3.9 of 1…5
        SeedBootstrap.Interval i = SeedBootstrap.percentiles(List.of(5.0, 1.0, 3.0, 2.0, 4.0));
        assertThat(i.low()).isCloseTo(1.1, within(1e-12));
        assertThat(i.high()).isCloseTo(4.9, within(1e-12));
    }
}
