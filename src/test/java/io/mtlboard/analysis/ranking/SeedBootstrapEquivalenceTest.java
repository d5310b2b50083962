package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SeedBootstrap} on primitive arrays gives exactly the numbers of the bootstrap written with
 * maps and {@link SplittableRandom} ({@link Plain}, the implementation it replaced), on random
 * scorings: paired and unpaired runs, entries missing from some scorings, one-run entries,
 * power-of-two run counts, tied values and both orientations.
 */
class SeedBootstrapEquivalenceTest {

    private static final List<Coefficient> COEFFICIENTS =
            List.of(
                    Coefficient.kendallTauB(),
                    Coefficient.spearmanRho(),
                    Coefficient.topKOverlap(3));

    private static List<SeedScoring> randomScorings(SplittableRandom random) {
        int entries = 2 + random.nextInt(14);
        int[] sizes = {1, 2, 3, 4, 5, 8, 16, 33, 250};
        Map<String, List<Long>> runIds = new LinkedHashMap<>();
        long next = 1;
        for (int e = 0; e < entries; e++) {
            int n = sizes[random.nextInt(sizes.length)];
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(next);
                next += 1 + random.nextInt(3);
            }
            runIds.put("m" + random.nextInt(1000) + "-" + e, ids);
        }
        List<SeedScoring> scorings = new ArrayList<>();
        int k = 1 + random.nextInt(4);
        for (int s = 0; s < k; s++) {
            boolean ownRuns = random.nextInt(3) == 0;
            boolean coarse = random.nextBoolean();
            Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
            for (Map.Entry<String, List<Long>> entry : runIds.entrySet()) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                Map<Long, Double> values = new HashMap<>();
                long offset = ownRuns ? 100_000L * (s + 1) : 0;
                int drop = ownRuns && entry.getValue().size() > 1 ? 1 : 0;
                for (Long id : entry.getValue().subList(drop, entry.getValue().size())) {
                    double v = entry.getKey().hashCode() % 7 + 3 * random.nextGaussian();
                    values.put(id + offset, coarse ? Math.rint(v) : v);
                }
                runs.put(entry.getKey(), values);
            }
            Orientation o =
                    random.nextBoolean()
                            ? Orientation.HIGHER_IS_BETTER
                            : Orientation.LOWER_IS_BETTER;
            scorings.add(new SeedScoring("s" + s, o, runs));
        }
        return scorings;
    }

    @Test
    void shouldGiveTheIntervalsOfThePlainBootstrapOnRandomScorings() {
        SplittableRandom random = new SplittableRandom(2026);
        int cells = 0;
        int defined = 0;
        int standIn = 0;
        for (int t = 0; t < 60; t++) {
            List<SeedScoring> scorings = randomScorings(random);
            Coefficient c = COEFFICIENTS.get(t % COEFFICIENTS.size());
            long seed = random.nextLong();
            SeedBootstrap.Interval[][] fast = SeedBootstrap.intervals(scorings, c, 120, seed);
            SeedBootstrap.Interval[][] plain = Plain.intervals(scorings, c, 120, seed);
            assertThat(fast).as("try %d with %s", t, c).isDeepEqualTo(plain);
            for (SeedBootstrap.Interval[] row : fast) {
                cells += row.length;
                defined += (int) Arrays.stream(row).filter(i -> i != null).count();
                standIn +=
                        (int)
                                Arrays.stream(row)
                                        .filter(i -> i != null && i.standInEntries() > 0)
                                        .count();
            }
        }
        // the comparison is not vacuous: most cells have an interval, and one-run entries drew
        // their noise from a pooled std in some of them
        assertThat(defined).isGreaterThan(cells / 2);
        assertThat(standIn).isPositive();
    }

    /**
     * Scorings that all hold every entry, as the indicator heatmap's usually do: Kendall τ-b comes
     * from pairwise signs there ({@link KendallSigns}), Spearman ρ and top-k overlap from one
     * ranking per scoring and draw ({@link DrawnRanks}), with the same intervals.
     */
    @Test
    void shouldGiveTheIntervalsOfThePlainBootstrapWhenEveryScoringHoldsEveryEntry() {
        SplittableRandom random = new SplittableRandom(11);
        int tried = 0;
        for (int t = 0; t < 90; t++) {
            List<SeedScoring> drawn = randomScorings(random);
            // every scoring over the entries of the first, in its order
            List<SeedScoring> scorings = new ArrayList<>();
            for (SeedScoring s : drawn) {
                Map<String, Map<Long, Double>> runs = new LinkedHashMap<>();
                drawn.get(0)
                        .runs()
                        .forEach(
                                (entry, values) ->
                                        runs.put(entry, s.runs().getOrDefault(entry, values)));
                scorings.add(new SeedScoring(s.name(), s.orientation(), runs));
            }
            Coefficient c = COEFFICIENTS.get(t % COEFFICIENTS.size());
            long seed = random.nextLong();
            assertThat(SeedBootstrap.intervals(scorings, c, 120, seed))
                    .as("try %d with %s", t, c)
                    .isDeepEqualTo(Plain.intervals(scorings, c, 120, seed));
            tried += scorings.get(0).runs().size() >= 2 ? 1 : 0;
        }
        assertThat(tried).isGreaterThan(70);
    }

    @Test
    void shouldGiveTheNoiseCeilingOfThePlainBootstrapOnRandomScorings() {
        SplittableRandom random = new SplittableRandom(4);
        int defined = 0;
        for (int t = 0; t < 90; t++) {
            SeedScoring scoring = randomScorings(random).get(0);
            Coefficient c = COEFFICIENTS.get(t % COEFFICIENTS.size());
            long seed = random.nextLong();
            SeedBootstrap.Ceiling ceiling = SeedBootstrap.noiseCeiling(scoring, c, 60, seed);
            assertThat(ceiling)
                    .as("try %d with %s", t, c)
                    .isEqualTo(Plain.noiseCeiling(scoring, c, 60, seed));
            defined += ceiling == null ? 0 : 1;
        }
        assertThat(defined).isGreaterThan(45);
    }

    /** The bootstrap and noise ceiling as first written: maps, {@link Scoring}s and {@link SplittableRandom}. */
    private static final class Plain {

        private record Prepared(
                String name,
                Orientation orientation,
                String[] entries,
                int[] groups,
                double[][] values,
                int[] sizes) {}

        static SeedBootstrap.Interval[][] intervals(
                List<SeedScoring> scorings, Coefficient coefficient, int draws, long seed) {
            int k = scorings.size();
            List<List<List<Double>>> values = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                List<List<Double>> row = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    row.add(new ArrayList<>());
                }
                values.add(row);
            }
            SplittableRandom random = new SplittableRandom(seed);
            int[] groups = {0};
            List<Prepared> prepared = prepare(scorings, groups);
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                sigma[i] = pooledStd(scorings.get(i));
            }
            for (int d = 0; d < draws; d++) {
                List<Scoring> drawn = draw(prepared, groups[0], random, sigma, seed, d);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        Double v =
                                RankingSimilarity.compare(drawn.get(i), drawn.get(j), coefficient)
                                        .value();
                        if (v != null) {
                            values.get(i).get(j).add(v);
                        }
                    }
                }
            }
            SeedBootstrap.Interval[][] result = new SeedBootstrap.Interval[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    List<Double> v = values.get(i).get(j);
                    Map<String, Map<Long, Double>> a = scorings.get(i).runs();
                    Map<String, Map<Long, Double>> b = scorings.get(j).runs();
                    int entries = 0;
                    int fixed = 0;
                    int standIn = 0;
                    for (String e : a.keySet()) {
                        if (b.containsKey(e)) {
                            entries++;
                            boolean oneA = a.get(e).size() < 2;
                            boolean oneB = b.get(e).size() < 2;
                            boolean heldA = oneA && Double.isNaN(sigma[i]);
                            boolean heldB = oneB && Double.isNaN(sigma[j]);
                            if (heldA || heldB) {
                                fixed++;
                            } else if (oneA || oneB) {
                                standIn++;
                            }
                        }
                    }
                    SeedBootstrap.Interval p =
                            v.size() * 2 < draws || fixed == entries
                                    ? null
                                    : SeedBootstrap.percentiles(v);
                    result[i][j] =
                            p == null
                                    ? null
                                    : new SeedBootstrap.Interval(
                                            p.low(), p.high(), p.draws(), entries, fixed, standIn);
                }
            }
            return result;
        }

        static SeedBootstrap.Ceiling noiseCeiling(
                SeedScoring scoring, Coefficient coefficient, int splits, long seed) {
            Map<String, long[]> split = new LinkedHashMap<>();
            scoring.runs()
                    .forEach(
                            (entry, runs) -> {
                                if (runs.size() >= 2) {
                                    split.put(
                                            entry,
                                            runs.keySet().stream()
                                                    .mapToLong(Long::longValue)
                                                    .sorted()
                                                    .toArray());
                                }
                            });
            if (split.size() < 2) {
                return null;
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<Double> values = new ArrayList<>();
            for (int s = 0; s < splits; s++) {
                Map<String, Double> first = new LinkedHashMap<>();
                Map<String, Double> second = new LinkedHashMap<>();
                split.forEach(
                        (entry, ids) -> {
                            long[] shuffled = ids.clone();
                            for (int i = shuffled.length - 1; i > 0; i--) {
                                int j = random.nextInt(i + 1);
                                long t = shuffled[i];
                                shuffled[i] = shuffled[j];
                                shuffled[j] = t;
                            }
                            int half = shuffled.length / 2;
                            Map<Long, Double> runs = scoring.runs().get(entry);
                            first.put(entry, mean(runs, Arrays.copyOfRange(shuffled, 0, half)));
                            second.put(
                                    entry,
                                    mean(
                                            runs,
                                            Arrays.copyOfRange(shuffled, half, shuffled.length)));
                        });
                Double v =
                        RankingSimilarity.compare(
                                        new Scoring("a", scoring.orientation(), first),
                                        new Scoring("b", scoring.orientation(), second),
                                        coefficient)
                                .value();
                if (v != null) {
                    values.add(v);
                }
            }
            if (values.isEmpty()) {
                return null;
            }
            SeedBootstrap.Interval range = SeedBootstrap.percentiles(values);
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            return new SeedBootstrap.Ceiling(
                    mean, range.low(), range.high(), split.size(), values.size());
        }

        private static List<Prepared> prepare(List<SeedScoring> scorings, int[] groupCount) {
            Map<String, Map<List<Long>, Integer>> groups = new HashMap<>();
            List<Prepared> prepared = new ArrayList<>(scorings.size());
            for (SeedScoring s : scorings) {
                int n = s.runs().size();
                String[] entries = new String[n];
                int[] group = new int[n];
                double[][] values = new double[n][];
                int[] sizes = new int[n];
                int e = 0;
                for (Map.Entry<String, Map<Long, Double>> entry : s.runs().entrySet()) {
                    List<Long> ids = entry.getValue().keySet().stream().sorted().toList();
                    entries[e] = entry.getKey();
                    group[e] =
                            groups.computeIfAbsent(entry.getKey(), x -> new HashMap<>())
                                    .computeIfAbsent(ids, x -> groupCount[0]++);
                    values[e] = ids.stream().mapToDouble(entry.getValue()::get).toArray();
                    sizes[e] = ids.size();
                    e++;
                }
                prepared.add(
                        new Prepared(s.name(), s.orientation(), entries, group, values, sizes));
            }
            return prepared;
        }

        /** The pooled seed std as written out: sums of squares over entries with two or more runs. */
        private static double pooledStd(SeedScoring scoring) {
            double squares = 0;
            int df = 0;
            for (Map<Long, Double> runs : scoring.runs().values()) {
                if (runs.size() >= 2) {
                    double mean =
                            runs.values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .average()
                                    .orElseThrow();
                    for (double v : runs.values()) {
                        squares += (v - mean) * (v - mean);
                    }
                    df += runs.size() - 1;
                }
            }
            return df >= 5 ? Math.sqrt(squares / df) : Double.NaN;
        }

        private static List<Scoring> draw(
                List<Prepared> prepared,
                int groupCount,
                SplittableRandom random,
                double[] sigma,
                long seed,
                int d) {
            int[][] picks = new int[groupCount][];
            List<Scoring> result = new ArrayList<>(prepared.size());
            for (int si = 0; si < prepared.size(); si++) {
                Prepared s = prepared.get(si);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int e = 0; e < s.entries().length; e++) {
                    int g = s.groups()[e];
                    if (picks[g] == null) {
                        int n = s.sizes()[e];
                        picks[g] = new int[n];
                        for (int i = 0; i < n; i++) {
                            picks[g][i] = random.nextInt(n);
                        }
                    }
                    double[] v = s.values()[e];
                    double sum = 0;
                    for (int i : picks[g]) {
                        sum += v[i];
                    }
                    double mean = sum / picks[g].length;
                    if (v.length == 1 && !Double.isNaN(sigma[si])) {
                        mean += sigma[si] * SeedBootstrap.noise(seed, d, si, e);
                    }
                    values.put(s.entries()[e], mean);
                }
                result.add(new Scoring(s.name(), s.orientation(), values));
            }
            return result;
        }

        private static double mean(Map<Long, Double> runs, long[] ids) {
            double sum = 0;
            for (long id : ids) {
                sum += runs.get(id);
            }
            return sum / ids.length;
        }
    }
}
