package io.mtlboard.leaderboard;

import java.util.Collection;

/**
 * Mean and sample standard deviation (n − 1 denominator) of a metric over the seeds of a
 * leaderboard row. The deviation is absent for fewer than two values.
 *
 * @param n number of values
 * @param mean arithmetic mean
 * @param std sample standard deviation, null when {@code n < 2}
 */
public record SeedStats(int n, double mean, Double std) {

    /** Statistics of the given finite values; at least one is required. */
    public static SeedStats of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        int n = values.size();
        double mean = sum / n;
        if (n < 2) {
            return new SeedStats(n, mean, null);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new SeedStats(n, mean, Math.sqrt(squares / (n - 1)));
    }
}
