package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed noise of a setting, computed by hand. */
class SeedNoiseTest {

    @Test
    void shouldPoolTheSeedVarianceByDegreesOfFreedom() {
        // rows: 3 seeds std 0.3 (df 2), 2 seeds std 0.6 (df 1), two single-seed rows, and a
        // literature row with one seed and a printed std (not single-seed, not pooled)
        List<SeedStats> d =
                List.of(
                        new SeedStats(3, -1.0, 0.3),
                        new SeedStats(2, -1.5, 0.6),
                        new SeedStats(1, -2.0, null),
                        new SeedStats(1, -2.2, null),
                        new SeedStats(1, -0.5, null));
        List<Double> spreads = Arrays.asList(0.3, 0.6, null, null, 0.4);
        SeedNoise n = SeedNoise.of(d, spreads);
        assertThat(n.singleSeed()).isEqualTo(2);
        assertThat(n.pooledRows()).isEqualTo(2);
        // (2 · 0.09 + 1 · 0.36) / 3 = 0.18, √0.18 = 0.424264...
        assertThat(n.pooledStd()).isCloseTo(Math.sqrt(0.18), within(1e-12));
        assertThat(n.noiseBand()).isCloseTo(1.96 * Math.sqrt(2) * Math.sqrt(0.18), within(1e-12));
        // 3 degrees of freedom: too few for the pooled std to stand in for a row's own
        assertThat(n.degreesOfFreedom()).isEqualTo(3);
        assertThat(n.appliedToSingleSeed()).isFalse();
        assertThat(n.standIn()).isNull();
    }

    @Test
    void shouldLetThePooledStdStandInForSingleSeedRowsFromFiveDegreesOfFreedom() {
        // 4 seeds std 0.2 (df 3) and 3 seeds std 0.5 (df 2): (3 · 0.04 + 2 · 0.25) / 5 = 0.124
        SeedNoise n =
                SeedNoise.of(
                        List.of(
                                new SeedStats(4, -1.0, 0.2),
                                new SeedStats(3, -1.2, 0.5),
                                new SeedStats(1, -1.1, null)),
                        Arrays.asList(0.2, 0.5, null));
        assertThat(n.degreesOfFreedom()).isEqualTo(5);
        assertThat(n.appliedToSingleSeed()).isTrue();
        assertThat(n.standIn()).isCloseTo(Math.sqrt(0.124), within(1e-12));
        assertThat(n.withSingleSeed(0, 0).singleSeed()).isZero();
        assertThat(n.withSingleSeed(0, 0).standIn()).isEqualTo(n.standIn());
    }

    @Test
    void shouldHaveNoPooledStdWithoutRowsOfTwoSeeds() {
        SeedNoise n =
                SeedNoise.of(
                        List.of(new SeedStats(1, -1.0, null), new SeedStats(1, -2.0, null)),
                        Arrays.asList(null, null));
        assertThat(n.singleSeed()).isEqualTo(2);
        assertThat(n.pooledRows()).isZero();
        assertThat(n.pooledStd()).isNull();
        assertThat(n.noiseBand()).isNull();
    }

    /** A published mean over three seeds without its std has no spread, but not one seed. */
    @Test
    void shouldTellPublishedMeansWithoutStdFromSingleSeedRows() {
        SeedNoise n =
                SeedNoise.of(
                        List.of(
                                new SeedStats(3, -1.0, null),
                                new SeedStats(1, -2.0, null),
                                new SeedStats(3, -0.5, 0.4)),
                        Arrays.asList(null, null, 0.4));
        assertThat(n.singleSeed()).isEqualTo(2);
        assertThat(n.meansWithoutStd()).isEqualTo(1);
        assertThat(n.oneSeed()).isEqualTo(1);
        assertThat(n.pooledRows()).isEqualTo(1);
        assertThat(n.withSingleSeed(1, 1).oneSeed()).isZero();
        // a published row is one run whose mean is over the seeds the publication reports
        SeedNoise published =
                SeedNoise.of(
                        List.of(new SeedStats(1, -1.0, null), new SeedStats(1, -2.0, null)),
                        Arrays.asList(null, null),
                        Arrays.asList(3, null));
        assertThat(published.meansWithoutStd()).isEqualTo(1);
        assertThat(published.oneSeed()).isEqualTo(1);
    }
}
