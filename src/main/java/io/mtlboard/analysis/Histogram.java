package io.mtlboard.analysis;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Counts of values in equal-width bins over [min, max], for comparing distributions (e.g. the
 * inter-task and inter-sample gradient similarities of Elich et al., arXiv 2311.04698). Bin i
 * covers [min + i·w, min + (i+1)·w); the last bin also holds max. Values outside [min, max] are
 * counted in the nearest edge bin and reported as clipped.
 *
 * @param edges the bins + 1 edges, ascending
 * @param counts values per bin
 * @param n number of values
 * @param clipped how many values lay outside [min, max]
 */
public record Histogram(List<Double> edges, List<Integer> counts, int n, int clipped) {

    public Histogram {
        edges = List.copyOf(edges);
        counts = List.copyOf(counts);
    }

    /**
     * Bins fitted to some values: [min, max] and how many bins of one round width (1, 2, 2.5 or 5
     * times a power of ten) between them.
     */
    public record Range(double min, double max, int bins) {}

    /**
     * About {@code target} bins of a round width over the values' own span within the domain
     * [lo, hi] (values outside it count at its edges), their ends on multiples of the width, so that
     * values spread over 0.01–0.05 of a [−1, 1] domain get 20 bins of 0.002 rather than share one
     * of 0.1. The whole domain in {@code target} bins when there are no values; one bin of the
     * domain's {@code target}-th part when they are all equal.
     */
    static Range fitted(Collection<Double> values, double lo, double hi, int target) {
        if (values.isEmpty()) {
            return new Range(lo, hi, target);
        }
        double low =
                Math.max(lo, values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        double high =
                Math.min(hi, values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        double span = high - low;
        double width = round(span > 0 ? span / target : (hi - lo) / target);
        double min = Math.max(lo, tidy(Math.floor(low / width + 1e-9) * width));
        double max = Math.min(hi, tidy(Math.ceil(high / width - 1e-9) * width));
        if (max <= min) {
            max = Math.min(hi, tidy(min + width));
        }
        return new Range(min, max, Math.max(1, (int) Math.round((max - min) / width)));
    }

    /** The least of 1, 2, 2.5 and 5 times a power of ten that is at least {@code raw}. */
    private static double round(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= raw * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A multiple of a round width without its binary round-off (0.30000000000000004 → 0.3). */
    private static double tidy(double value) {
        return Math.round(value * 1e12) / 1e12;
    }

    /** The histogram of the values in the bins of {@code range}. */
    static Histogram of(Collection<Double> values, Range range) {
        return of(values, range.min(), range.max(), range.bins());
    }

    /** The histogram of the values in {@code bins} equal bins over [min, max]. */
    static Histogram of(Collection<Double> values, double min, double max, int bins) {
        if (!(max > min) || bins < 1) {
            throw new IllegalArgumentException("needs min < max and at least one bin");
        }
        double width = (max - min) / bins;
        Double[] edges = new Double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = tidy(min + i * width);
        }
        Integer[] counts = new Integer[bins];
        Arrays.fill(counts, 0);
        int clipped = 0;
        for (double v : values) {
            if (v < min || v > max) {
                clipped++;
            }
            int bin = (int) Math.floor((v - min) / width);
            counts[Math.max(0, Math.min(bins - 1, bin))]++;
        }
        return new Histogram(List.of(edges), List.of(counts), values.size(), clipped);
    }
}
