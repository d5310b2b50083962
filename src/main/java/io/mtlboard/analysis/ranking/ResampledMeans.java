package io.mtlboard.analysis.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scorings of a seed bootstrap ({@link SeedBootstrap#intervals}) laid out once for all draws:
 * per entry its runs' values in ascending order of run id, grouped by (entry, run ids) so that
 * scorings over the same runs of an entry are resampled alike (a paired bootstrap), and per pair
 * of scorings the positions of their shared entries in ascending order of entry key. A draw
 * resamples every group's runs with replacement, in the order the groups are first met scoring by
 * scoring and entry by entry, and leaves the means in {@link #means}; {@link #compare} then ranks
 * a pair without maps.
 */
final class ResampledMeans {

    private final Orientation[] orientations;
    private final String[] names;
    private final String[][] entries;

    /** {@code runCounts[s][e]}: how many runs entry e of scoring s has. */
    private final int[][] runCounts;

    /**
     * {@code pooledStd[s]}: the seed std of scoring s pooled over its entries with two or more runs
     * ({@link SeedBootstrap#pooledStd}), which a one-run entry's draws add as noise; NaN where it
     * rests on fewer than {@link SeedBootstrap#MIN_POOLED_DF} degrees of freedom (the entry is then
     * held fixed).
     */
    private final double[] pooledStd;

    private final long seed;

    private final BoundedDraws.Bound[] bounds;

    /** Per group, the (scoring, entry) it holds the runs of, and those runs' values. */
    private final int[][] memberScoring;

    private final int[][] memberEntry;
    private final double[][][] memberValues;
    private final int[][][] shared;
    private final int[] picks;

    /** {@code means[s][e]}: the mean of entry e of scoring s in the current draw. */
    final double[][] means;

    /** @param seed the noise of one-run entries: a function of the seed, draw, scoring and entry */
    ResampledMeans(List<SeedScoring> scorings, long seed) {
        int k = scorings.size();
        this.seed = seed;
        pooledStd = new double[k];
        for (int s = 0; s < k; s++) {
            pooledStd[s] = SeedBootstrap.pooledStd(scorings.get(s));
        }
        orientations = new Orientation[k];
        names = new String[k];
        entries = new String[k][];
        means = new double[k][];
        runCounts = new int[k][];
        Map<String, Map<RunIds, Integer>> groupOf = new HashMap<>();
        List<Integer> sizes = new ArrayList<>();
        List<List<int[]>> members = new ArrayList<>();
        List<List<double[]>> values = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            SeedScoring scoring = scorings.get(s);
            orientations[s] = scoring.orientation();
            names[s] = scoring.name();
            entries[s] = scoring.runs().keySet().toArray(String[]::new);
            means[s] = new double[entries[s].length];
            runCounts[s] = new int[entries[s].length];
            for (int e = 0; e < entries[s].length; e++) {
                Map<Long, Double> runs = scoring.runs().get(entries[s][e]);
                runCounts[s][e] = runs.size();
                long[] ids = new long[runs.size()];
                double[] v = new double[runs.size()];
                int t = 0;
                for (Map.Entry<Long, Double> run : runs.entrySet()) {
                    ids[t] = run.getKey();
                    v[t++] = run.getValue();
                }
                sortById(ids, v, new long[ids.length], new double[ids.length]);
                int g =
                        groupOf.computeIfAbsent(entries[s][e], x -> new HashMap<>())
                                .computeIfAbsent(new RunIds(ids), x -> sizes.size());
                if (g == sizes.size()) {
                    sizes.add(ids.length);
                    members.add(new ArrayList<>());
                    values.add(new ArrayList<>());
                }
                members.get(g).add(new int[] {s, e});
                values.get(g).add(v);
            }
        }
        int groups = sizes.size();
        bounds = new BoundedDraws.Bound[groups];
        memberScoring = new int[groups][];
        memberEntry = new int[groups][];
        memberValues = new double[groups][][];
        int largest = 0;
        for (int g = 0; g < groups; g++) {
            bounds[g] = new BoundedDraws.Bound(sizes.get(g));
            largest = Math.max(largest, sizes.get(g));
            memberScoring[g] = members.get(g).stream().mapToInt(m -> m[0]).toArray();
            memberEntry[g] = members.get(g).stream().mapToInt(m -> m[1]).toArray();
            memberValues[g] = values.get(g).toArray(double[][]::new);
        }
        picks = new int[largest];
        shared = new int[k][k][];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                shared[i][j] = sharedPositions(entries[i], entries[j]);
            }
        }
    }

    /** An entry's run ids in ascending order, compared by content: the key of a group. */
    private record RunIds(long[] ids) {

        @Override
        public boolean equals(Object o) {
            return o instanceof RunIds other && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return Arrays.toString(ids);
        }
    }

    /** Sorts distinct run ids ascending and their values alike (bottom-up merge sort). */
    private static void sortById(
            long[] ids, double[] values, long[] idBuffer, double[] valueBuffer) {
        int n = ids.length;
        long[] fromIds = ids;
        double[] fromValues = values;
        long[] toIds = idBuffer;
        double[] toValues = valueBuffer;
        for (int width = 1; width < n; width <<= 1) {
            for (int start = 0; start < n; start += 2 * width) {
                int mid = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int i = start;
                int j = mid;
                for (int k = start; k < end; k++) {
                    int from = j >= end || (i < mid && fromIds[i] < fromIds[j]) ? i++ : j++;
                    toIds[k] = fromIds[from];
                    toValues[k] = fromValues[from];
                }
            }
            long[] ti = fromIds;
            fromIds = toIds;
            toIds = ti;
            double[] tv = fromValues;
            fromValues = toValues;
            toValues = tv;
        }
        if (fromIds != ids) {
            System.arraycopy(fromIds, 0, ids, 0, n);
            System.arraycopy(fromValues, 0, values, 0, n);
        }
    }

    /** Positions in a and in b of the entries both have, in ascending order of entry key. */
    private static int[] sharedPositions(String[] a, String[] b) {
        Map<String, Integer> inB = new HashMap<>();
        for (int e = 0; e < b.length; e++) {
            inB.put(b[e], e);
        }
        TreeMap<String, int[]> both = new TreeMap<>();
        for (int e = 0; e < a.length; e++) {
            Integer f = inB.get(a[e]);
            if (f != null) {
                both.put(a[e], new int[] {e, f});
            }
        }
        int[] positions = new int[2 * both.size()];
        int t = 0;
        for (int[] p : both.values()) {
            positions[t] = p[0];
            positions[both.size() + t] = p[1];
            t++;
        }
        return positions;
    }

    /**
     * Bootstrap draw {@code d}: every group's runs drawn with replacement, the means in {@link
     * #means}; a one-run entry of a scoring with a pooled seed std gets that std times a standard
     * normal deviate ({@link SeedBootstrap#noise}) added to its value.
     */
    void draw(BoundedDraws random, int d) {
        for (int g = 0; g < bounds.length; g++) {
            BoundedDraws.Bound bound = bounds[g];
            int n = bound.n;
            double[][] values = memberValues[g];
            if (n == 1) {
                random.next(bound); // the draw the group takes, as SplittableRandom.nextInt(1)
                for (int m = 0; m < values.length; m++) {
                    int s = memberScoring[g][m];
                    int e = memberEntry[g][m];
                    double sigma = pooledStd[s];
                    set(
                            s,
                            e,
                            Double.isNaN(sigma)
                                    ? values[m][0]
                                    : values[m][0] + sigma * SeedBootstrap.noise(seed, d, s, e));
                }
                continue;
            }
            if (values.length == 1) {
                set(memberScoring[g][0], memberEntry[g][0], random.sum(values[0], bound) / n);
                continue;
            }
            random.fill(picks, bound);
            for (int m = 0; m < values.length; m++) {
                double[] v = values[m];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += v[picks[i]];
                }
                set(memberScoring[g][m], memberEntry[g][m], sum / n);
            }
        }
    }

    private void set(int scoring, int entry, double mean) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException(
                    "scoring "
                            + names[scoring]
                            + " has a non-finite value for "
                            + entries[scoring][entry]);
        }
        means[scoring][entry] = mean;
    }

    /**
     * The coefficient of scorings i and j on their shared entries in the current draw, as {@link
     * RankingSimilarity#compare} gives it for the drawn means.
     */
    Double compare(int i, int j, Coefficient coefficient) {
        int[] positions = shared[i][j];
        int n = positions.length / 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = orientations[i].goodness(means[i][positions[t]]);
            y[t] = orientations[j].goodness(means[j][positions[n + t]]);
        }
        return coefficient.compute(x, y);
    }

    /** Per scoring, the keys of its entries in the order of {@link #means}. */
    String[][] entries() {
        return entries;
    }

    /** Per scoring, its orientation. */
    Orientation[] orientations() {
        return orientations;
    }

    /** How many entries scorings i and j share: the n of their coefficient. */
    int sharedEntries(int i, int j) {
        return shared[i][j].length / 2;
    }

    /**
     * How many of the entries scorings i and j share are held fixed: one run, and no pooled seed
     * std, in either scoring. Every draw keeps their values, so they add no seed spread.
     */
    int fixedSharedEntries(int i, int j) {
        int[] positions = shared[i][j];
        int n = positions.length / 2;
        int fixed = 0;
        for (int t = 0; t < n; t++) {
            if (fixed(i, positions[t]) || fixed(j, positions[n + t])) {
                fixed++;
            }
        }
        return fixed;
    }

    /**
     * How many of the entries scorings i and j share have one run in either scoring and are not
     * held fixed: their seed noise is the pooled seed std's.
     */
    int standInSharedEntries(int i, int j) {
        int[] positions = shared[i][j];
        int n = positions.length / 2;
        int standIn = 0;
        for (int t = 0; t < n; t++) {
            int a = positions[t];
            int b = positions[n + t];
            if ((runCounts[i][a] < 2 || runCounts[j][b] < 2) && !fixed(i, a) && !fixed(j, b)) {
                standIn++;
            }
        }
        return standIn;
    }

    private boolean fixed(int scoring, int entry) {
        return runCounts[scoring][entry] < 2 && Double.isNaN(pooledStd[scoring]);
    }
}
