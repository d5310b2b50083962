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

    /** The histogram of the values in {@code bins} equal bins over [min, max]. */
    static Histogram of(Collection<Double> values, double min, double max, int bins) {
        if (!(max > min) || bins < 1) {
            throw new IllegalArgumentException("needs min < max and at least one bin");
        }
        double width = (max - min) / bins;
        Double[] edges = new Double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + i * width;
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
