package io.mtlboard.analysis.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Uncertainty of ranking similarities from seed noise (METRICS.md §5, issue "a reference study
 * that can carry conclusions"):
 * <ul>
 * <li><b>Bootstrap interval</b> of a coefficient: each draw resamples, within every entry, its runs
 * with replacement (as many as it has), recomputes every scoring's entry means and the
 * coefficient; the 95 % interval is the 2.5th to 97.5th percentile of the draws. Scorings that hold
 * values for the same runs of an entry reuse the same resampled runs, so Δm and an indicator of a
 * row stay paired by seed.</li>
 * <li><b>Noise ceiling</b> of a scoring: how well it agrees with itself between disjoint halves of
 * its seeds. Each split shuffles every entry's runs, takes the first ⌊n/2⌋ as one half and the rest
 * as the other (entries with fewer than two runs are left out), ranks the entries by each half's
 * mean and computes the coefficient; the ceiling is the mean over splits, with the 2.5th and 97.5th
 * percentiles of the splits. An indicator whose agreement with test Δm is above the ceiling ranks
 * methods more like test Δm than half of the seeds of Δm itself does.</li>
 * </ul>
 * Seeded: the same input gives the same numbers.
 */
public final class SeedBootstrap {

    /** Bootstrap draws per interval. */
    public static final int DRAWS = 1000;

    /** Random half splits per noise ceiling. */
    public static final int SPLITS = 200;

    private SeedBootstrap() {}

    /** A 95 % interval of a coefficient over {@code draws} resamples (defined draws only). */
    public record Interval(double low, double high, int draws) {

        /** Whether the interval contains 0, i.e. seed noise alone can produce no agreement. */
        public boolean includesZero() {
            return low <= 0 && high >= 0;
        }
    }

    /** A noise ceiling: the mean over splits and the 2.5th–97.5th percentiles, over {@code entries} entries. */
    public record Ceiling(double value, double low, double high, int entries, int splits) {}

    /**
     * The interval of every ordered pair of scorings (the diagonal included, as in
     * {@link RankingSimilarity#matrix}); a cell is null when fewer than half the draws defined it.
     */
    public static Interval[][] intervals(
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
        for (int d = 0; d < draws; d++) {
            List<Scoring> drawn = draw(prepared, groups[0], random);
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
        Interval[][] result = new Interval[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                List<Double> v = values.get(i).get(j);
                result[i][j] = v.size() * 2 < draws ? null : percentiles(v);
            }
        }
        return result;
    }

    /** The interval of one pair of scorings; null when fewer than half the draws defined it. */
    public static Interval interval(
            SeedScoring a, SeedScoring b, Coefficient coefficient, int draws, long seed) {
        return intervals(List.of(a, b), coefficient, draws, seed)[0][1];
    }

    /** The noise ceiling of a scoring; null when fewer than two entries have two runs or no split is defined. */
    public static Ceiling noiseCeiling(
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
                                mean(runs, Arrays.copyOfRange(shuffled, half, shuffled.length)));
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
        Interval range = percentiles(values);
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Ceiling(mean, range.low(), range.high(), split.size(), values.size());
    }

    /**
     * The scorings as arrays, prepared once for all draws: per entry, its runs' values in ascending
     * order of run id and the group of (entry, run ids) it belongs to; scorings over the same runs
     * of an entry share a group, so that one draw resamples them alike (a paired bootstrap).
     */
    private record Prepared(
            String name,
            Orientation orientation,
            String[] entries,
            int[] groups,
            double[][] values,
            int[] sizes) {}

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
            prepared.add(new Prepared(s.name(), s.orientation(), entries, group, values, sizes));
        }
        return prepared;
    }

    /**
     * One bootstrap draw of every scoring: each group's runs are drawn with replacement once, in
     * the order the groups are first met, and every scoring of the group takes the mean of its
     * values over the same draws.
     */
    private static List<Scoring> draw(
            List<Prepared> prepared, int groupCount, SplittableRandom random) {
        int[][] picks = new int[groupCount][];
        List<Scoring> result = new ArrayList<>(prepared.size());
        for (Prepared s : prepared) {
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
                values.put(s.entries()[e], sum / picks[g].length);
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

    /** The 2.5th and 97.5th percentiles (linear interpolation between order statistics). */
    static Interval percentiles(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975), sorted.length);
    }

    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
