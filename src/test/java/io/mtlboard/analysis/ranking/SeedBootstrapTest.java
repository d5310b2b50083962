package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
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
    void shouldGiveNoIntervalWhenEveryEntryHasOneRun() {
        // one run per entry: every draw repeats the point estimate, which is no interval at all
        SeedScoring a = noisy("a", 8, 1, 5, 0, 3);
        SeedScoring b = noisy("b", 8, 1, 5, 0, 4);
        assertThat(SeedBootstrap.interval(a, b, TAU, 200, 5)).isNull();
        for (SeedBootstrap.Interval[] row : SeedBootstrap.intervals(List.of(a, b), TAU, 200, 5)) {
            assertThat(row).containsOnlyNulls();
        }
    }

    @Test
    void shouldCountTheEntriesWithOneRunThatAnIntervalHoldsFixed() {
        // e0…e9 with three runs; e3 and e7 keep their first run only in b; e10 is in a only
        SeedScoring a = noisy("a", 10, 3, 1, 0, 6);
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        a.runs()
                .forEach(
                        (e, r) -> {
                            Map<Long, Double> m = new LinkedHashMap<>(r);
                            if (e.equals("e3") || e.equals("e7")) {
                                m.keySet().retainAll(List.of(m.keySet().iterator().next()));
                            }
                            runs.put(e, m);
                        });
        SeedScoring b = new SeedScoring("b", Orientation.HIGHER_IS_BETTER, runs);
        Map<String, Map<Long, Double>> more = new LinkedHashMap<>(a.runs());
        more.put("e10", Map.of(99L, 10.0, 100L, 10.5));
        SeedScoring a11 = new SeedScoring("a", Orientation.HIGHER_IS_BETTER, more);
        SeedBootstrap.Interval i = SeedBootstrap.interval(a11, b, TAU, 200, 5);
        assertThat(i.entries()).isEqualTo(10);
        assertThat(i.singleRunEntries()).isEqualTo(2);
        SeedBootstrap.Interval self = SeedBootstrap.interval(a11, a11, TAU, 200, 5);
        assertThat(self.entries()).isEqualTo(11);
        assertThat(self.singleRunEntries()).isZero();
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

    /**
     * The bootstrap written out plainly, as an oracle: per draw, each (entry, run ids) is resampled
     * with replacement the first time a scoring meets it, and every scoring over those runs takes
     * the mean over the same picks.
     */
    private static List<Double> plainDraws(
            List<SeedScoring> scorings, int first, int second, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Double> values = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            Map<String, Map<List<Long>, long[]>> picked = new HashMap<>();
            List<Scoring> drawn = new ArrayList<>();
            for (SeedScoring s : scorings) {
                Map<String, Double> means = new LinkedHashMap<>();
                s.runs()
                        .forEach(
                                (entry, runs) -> {
                                    List<Long> ids = runs.keySet().stream().sorted().toList();
                                    long[] p =
                                            picked.computeIfAbsent(entry, x -> new HashMap<>())
                                                    .computeIfAbsent(
                                                            ids,
                                                            k -> {
                                                                long[] q = new long[k.size()];
                                                                for (int i = 0; i < q.length; i++) {
                                                                    q[i] =
                                                                            k.get(
                                                                                    random.nextInt(
                                                                                            k
                                                                                                    .size()));
                                                                }
                                                                return q;
                                                            });
                                    double sum = 0;
                                    for (long id : p) {
                                        sum += runs.get(id);
                                    }
                                    means.put(entry, sum / p.length);
                                });
                drawn.add(new Scoring(s.name(), s.orientation(), means));
            }
            Double v = RankingSimilarity.compare(drawn.get(first), drawn.get(second), TAU).value();
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    @Test
    void shouldDrawExactlyAsThePlainBootstrap() {
        // two scorings over the same runs, one over other runs with one entry of a different size
        SeedScoring a = noisy("a", 12, 4, 1.5, 1, 7);
        SeedScoring b = noisy("b", 12, 4, 0.5, 1, 8);
        Map<String, Map<Long, Double>> cRuns =
                new LinkedHashMap<>(noisy("c", 12, 3, 1.0, 500, 9).runs());
        cRuns.put("e0", Map.of(900L, 0.1, 901L, 0.3));
        SeedScoring c = new SeedScoring("c", Orientation.HIGHER_IS_BETTER, cRuns);
        List<SeedScoring> all = List.of(a, b, c);
        SeedBootstrap.Interval[][] fast = SeedBootstrap.intervals(all, TAU, 300, 42L);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                SeedBootstrap.Interval plain =
                        SeedBootstrap.percentiles(plainDraws(all, i, j, 300, 42L));
                assertThat(fast[i][j].low()).isEqualTo(plain.low());
                assertThat(fast[i][j].high()).isEqualTo(plain.high());
            }
        }
    }
}
