package io.mtlboard.analysis.ranking;

import java.util.ArrayList;
import java.util.Arrays;
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
 * row stay paired by seed. An entry with one run has nothing to resample: its draws add the
 * scoring's pooled seed std ({@link #pooledStd}) times a standard normal deviate when that std
 * rests on {@value #MIN_POOLED_DF} or more degrees of freedom, and keep its value otherwise (it is
 * then held fixed, and the interval says how many are).</li>
 * <li><b>Noise ceiling</b> of a scoring: how well it agrees with itself between disjoint halves of
 * its seeds. Each split shuffles every entry's runs, takes the first ⌊n/2⌋ as one half and the rest
 * as the other (entries with fewer than two runs are left out), ranks the entries by each half's
 * mean and computes the coefficient; the ceiling is the mean over splits, with the 2.5th and 97.5th
 * percentiles of the splits. Stepped up to all seeds ({@link Coefficient#stepUpFromHalves}), it is
 * what a perfect predictor would reach against the full-seed mean, the most an indicator can be
 * expected to reach.</li>
 * </ul>
 * Seeded: the same input gives the same numbers.
 */
public final class SeedBootstrap {

    /** Bootstrap draws per interval. */
    public static final int DRAWS = 1000;

    /** Random half splits per noise ceiling. */
    public static final int SPLITS = 200;

    private SeedBootstrap() {}

    /**
     * A 95 % interval of a coefficient over {@code draws} resamples (defined draws only).
     *
     * @param entries how many entries the coefficient ranks (0 where the interval is not of a
     *     ranking, e.g. robustness δ_t)
     * @param singleRunEntries how many of them are held fixed: one run, and no pooled seed std to
     *     stand in for its spread, so that every draw keeps their value; when some are, the interval
     *     shows the seed noise of the others only and is too narrow; when all are, there is no
     *     interval ({@link #intervals} gives null)
     * @param standInEntries how many have one run whose seed noise is the pooled seed std of the
     *     entries with two or more ({@link #pooledStd})
     */
    public record Interval(
            double low,
            double high,
            int draws,
            int entries,
            int singleRunEntries,
            int standInEntries) {

        /** An interval that is not of a ranking over entries. */
        public Interval(double low, double high, int draws) {
            this(low, high, draws, 0, 0, 0);
        }

        /** Whether the interval contains 0, i.e. seed noise alone can produce no agreement. */
        public boolean includesZero() {
            return low <= 0 && high >= 0;
        }

        /** The same interval over {@code entries}, {@code fixed} of them held fixed and {@code standIn} with a stand-in std. */
        Interval over(int entries, int fixed, int standIn) {
            return new Interval(low, high, draws, entries, fixed, standIn);
        }
    }

    /**
     * The fewest degrees of freedom a pooled seed std may rest on to stand in for the spread of
     * one-run entries, as the leaderboard's rank rule requires (LEADERBOARD.md).
     */
    public static final int MIN_POOLED_DF = 5;

    /**
     * The seed std of a scoring pooled over its entries with two or more runs, √(Σ_e Σ_r (v_er −
     * m_e)² / Σ_e (n_e − 1)); NaN when the degrees of freedom Σ_e (n_e − 1) are fewer than {@link
     * #MIN_POOLED_DF}. A one-run entry's bootstrap draws add it times a standard normal deviate: the
     * seed noise it would show if it had the setting's spread (the leaderboard's stand-in for
     * one-seed rows). Its noise is drawn apart from the entry's other scorings, as if their seed
     * noises were uncorrelated.
     */
    public static double pooledStd(SeedScoring scoring) {
        double squares = 0;
        int df = 0;
        for (Map<Long, Double> runs : scoring.runs().values()) {
            int n = runs.size();
            if (n < 2) {
                continue;
            }
            double mean = runs.values().stream().mapToDouble(Double::doubleValue).sum() / n;
            for (double v : runs.values()) {
                squares += (v - mean) * (v - mean);
            }
            df += n - 1;
        }
        return df < MIN_POOLED_DF ? Double.NaN : Math.sqrt(squares / df);
    }

    /**
     * The standard normal deviate of draw {@code draw} for entry {@code entry} (position in its
     * scoring's entries) of scoring {@code scoring}: a function of these and the seed alone, so
     * that the order in which the draws visit entries does not change it.
     */
    static double noise(long seed, int draw, int scoring, int entry) {
        long key = seed;
        key = key * 0x9e3779b97f4a7c15L + draw;
        key = key * 0x9e3779b97f4a7c15L + scoring;
        key = key * 0x9e3779b97f4a7c15L + entry;
        return new SplittableRandom(key).nextGaussian();
    }

    /** A noise ceiling: the mean over splits and the 2.5th–97.5th percentiles, over {@code entries} entries. */
    public record Ceiling(double value, double low, double high, int entries, int splits) {}

    /**
     * The interval of every ordered pair of scorings (the diagonal included, as in
     * {@link RankingSimilarity#matrix}); a cell is null when fewer than half the draws defined it,
     * or when every entry the pair shares is held fixed (one run and no pooled seed std in either:
     * the draws would all repeat the point estimate).
     */
    public static Interval[][] intervals(
            List<SeedScoring> scorings, Coefficient coefficient, int draws, long seed) {
        int k = scorings.size();
        double[][][] values = new double[k][k][draws];
        int[][] defined = new int[k][k];
        Double[][] cell = new Double[k][k];
        ResampledMeans resampled = new ResampledMeans(scorings, seed);
        BoundedDraws random = new BoundedDraws(seed);
        // pairs of scorings over the same entries from one summary per scoring and draw: pairwise
        // signs for Kendall τ-b, ranks for Spearman ρ and top-k overlap (the same values)
        DrawnScorings summaries = DrawnScorings.of(resampled, coefficient);
        for (int d = 0; d < draws; d++) {
            resampled.draw(random, d);
            if (summaries != null) {
                summaries.update();
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    // below the diagonal a symmetric coefficient repeats cell (j, i) of this draw
                    Double v =
                            j < i && coefficient.symmetric()
                                    ? cell[j][i]
                                    : summaries != null && summaries.covers(i, j)
                                            ? summaries.compare(i, j)
                                            : resampled.compare(i, j, coefficient);
                    cell[i][j] = v;
                    if (v != null) {
                        values[i][j][defined[i][j]++] = v;
                    }
                }
            }
        }
        Interval[][] result = new Interval[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int entries = resampled.sharedEntries(i, j);
                int fixed = resampled.fixedSharedEntries(i, j);
                result[i][j] =
                        defined[i][j] * 2 < draws || fixed == entries
                                ? null
                                : percentiles(values[i][j], defined[i][j])
                                        .over(entries, fixed, resampled.standInSharedEntries(i, j));
            }
        }
        return result;
    }

    /**
     * The interval of one pair of scorings; null when fewer than half the draws defined it or every
     * shared entry is held fixed.
     */
    public static Interval interval(
            SeedScoring a, SeedScoring b, Coefficient coefficient, int draws, long seed) {
        return intervals(List.of(a, b), coefficient, draws, seed)[0][1];
    }

    /** The noise ceiling of a scoring; null when fewer than two entries have two runs or no split is defined. */
    public static Ceiling noiseCeiling(
            SeedScoring scoring, Coefficient coefficient, int splits, long seed) {
        List<String> names = new ArrayList<>();
        List<double[]> runs = new ArrayList<>();
        scoring.runs()
                .forEach(
                        (entry, byId) -> {
                            if (byId.size() >= 2) {
                                names.add(entry);
                                runs.add(
                                        byId.keySet().stream()
                                                .sorted()
                                                .mapToDouble(byId::get)
                                                .toArray());
                            }
                        });
        int m = names.size();
        if (m < 2) {
            return null;
        }
        // the coefficient compares the entries in ascending order of key
        Integer[] byKey = new Integer[m];
        for (int e = 0; e < m; e++) {
            byKey[e] = e;
        }
        Arrays.sort(byKey, (e, f) -> names.get(e).compareTo(names.get(f)));
        int largest = runs.stream().mapToInt(r -> r.length).max().orElseThrow();
        BoundedDraws.Bound[] bounds = new BoundedDraws.Bound[largest + 1];
        for (int n = 1; n <= largest; n++) {
            bounds[n] = new BoundedDraws.Bound(n);
        }
        BoundedDraws random = new BoundedDraws(seed);
        double[] first = new double[m];
        double[] second = new double[m];
        double[] x = new double[m];
        double[] y = new double[m];
        int[] order = new int[largest];
        double[] values = new double[splits];
        int defined = 0;
        for (int s = 0; s < splits; s++) {
            for (int e = 0; e < m; e++) {
                double[] v = runs.get(e);
                int n = v.length;
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = random.next(bounds[i + 1]);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                int half = n / 2;
                double sum = 0;
                for (int i = 0; i < half; i++) {
                    sum += v[order[i]];
                }
                first[e] = sum / half;
                sum = 0;
                for (int i = half; i < n; i++) {
                    sum += v[order[i]];
                }
                second[e] = sum / (n - half);
            }
            for (int t = 0; t < m; t++) {
                x[t] = scoring.orientation().goodness(first[byKey[t]]);
                y[t] = scoring.orientation().goodness(second[byKey[t]]);
            }
            Double v = coefficient.compute(x, y);
            if (v != null) {
                values[defined++] = v;
            }
        }
        if (defined == 0) {
            return null;
        }
        Interval range = percentiles(values, defined);
        double mean = Arrays.stream(values, 0, defined).average().orElseThrow();
        return new Ceiling(mean, range.low(), range.high(), m, defined);
    }

    /** The 2.5th and 97.5th percentiles (linear interpolation between order statistics). */
    static Interval percentiles(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return percentiles(v, v.length);
    }

    /** {@link #percentiles(List)} of {@code values[0, count)}. */
    public static Interval percentiles(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975), sorted.length);
    }

    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
