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
    void shouldCountTheEntriesWithOneRunAndTheirStandInStd() {
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
        // b's eight entries of three runs give its pooled std 16 degrees of freedom: e3 and e7
        // draw their noise from it
        SeedBootstrap.Interval i = SeedBootstrap.interval(a11, b, TAU, 200, 5);
        assertThat(i.entries()).isEqualTo(10);
        assertThat(i.singleRunEntries()).isZero();
        assertThat(i.standInEntries()).isEqualTo(2);
        SeedBootstrap.Interval self = SeedBootstrap.interval(a11, a11, TAU, 200, 5);
        assertThat(self.entries()).isEqualTo(11);
        assertThat(self.singleRunEntries()).isZero();
        assertThat(self.standInEntries()).isZero();
        // with two entries of two runs (2 degrees of freedom, below 5) there is no stand-in: the
        // one-run entries are held fixed
        Map<String, Map<Long, Double>> thin = new LinkedHashMap<>();
        b.runs()
                .forEach(
                        (e, r) -> {
                            Map<Long, Double> m = new LinkedHashMap<>(r);
                            if (!e.equals("e1") && !e.equals("e2")) {
                                m.keySet().retainAll(List.of(m.keySet().iterator().next()));
                            } else {
                                m.keySet().retainAll(List.copyOf(m.keySet()).subList(0, 2));
                            }
                            thin.put(e, m);
                        });
        SeedScoring c = new SeedScoring("c", Orientation.HIGHER_IS_BETTER, thin);
        assertThat(SeedBootstrap.pooledStd(c)).isNaN();
        SeedBootstrap.Interval held = SeedBootstrap.interval(c, c, TAU, 200, 5);
        assertThat(held.singleRunEntries()).isEqualTo(8);
        assertThat(held.standInEntries()).isZero();
    }

    @Test
    void shouldPoolTheSeedStdOverEntriesWithTwoOrMoreRuns() {
        // {1, 3}: squares 2, 1 df; {2, 4, 6}: squares 8, 2 df; {5}: none — 3 df, below 5
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        runs.put("a", Map.of(1L, 1.0, 2L, 3.0));
        runs.put("b", Map.of(3L, 2.0, 4L, 4.0, 5L, 6.0));
        runs.put("c", Map.of(6L, 5.0));
        assertThat(
                        SeedBootstrap.pooledStd(
                                new SeedScoring("s", Orientation.HIGHER_IS_BETTER, runs)))
                .isNaN();
        // three more entries {0, 10}: squares 50 each, 6 df in all: √(160 / 6)
        for (String e : List.of("d", "f", "g")) {
            long id = 10 + e.charAt(0);
            runs.put(e, Map.of(id, 0.0, id + 100, 10.0));
        }
        assertThat(
                        SeedBootstrap.pooledStd(
                                new SeedScoring("s", Orientation.HIGHER_IS_BETTER, runs)))
                .isCloseTo(Math.sqrt(160.0 / 6), within(1e-12));
    }

    @Test
    void shouldDrawAOneRunEntryAroundItsValueWithThePooledStd() {
        // six entries of two runs at e ± 1 (pooled std √2) and one entry of one run at 100
        Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
        for (int e = 0; e < 6; e++) {
            runs.put("e" + e, Map.of(2L * e, e - 1.0, 2L * e + 1, e + 1.0));
        }
        runs.put("one", Map.of(99L, 100.0));
        SeedScoring s = new SeedScoring("s", Orientation.HIGHER_IS_BETTER, runs);
        ResampledMeans resampled = new ResampledMeans(List.of(s), 11);
        BoundedDraws random = new BoundedDraws(11);
        int draws = 20_000;
        double sum = 0;
        double squares = 0;
        for (int d = 0; d < draws; d++) {
            resampled.draw(random, d);
            double v = resampled.means[0][6];
            sum += v;
            squares += v * v;
        }
        double mean = sum / draws;
        double std = Math.sqrt(squares / draws - mean * mean);
        // mean 100 ± √2/√20000 ≈ 0.01; std √2 within 3 %
        assertThat(mean).isCloseTo(100, within(0.05));
        assertThat(std).isCloseTo(Math.sqrt(2), within(0.04));
        // a function of the seed, draw, scoring and entry alone
        assertThat(SeedBootstrap.noise(11, 7, 0, 6)).isEqualTo(SeedBootstrap.noise(11, 7, 0, 6));
        assertThat(SeedBootstrap.noise(11, 7, 0, 6)).isNotEqualTo(SeedBootstrap.noise(11, 8, 0, 6));
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
