package io.mtlboard.analysis.gradients;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A logged indicator over a run (METRICS.md §3, last item; also the FD curve of §4): the run's
 * value is the mean over all logged steps, each step weighing the same, and the per-epoch means
 * feed the curves over training. With unequal steps per epoch the run mean is therefore not the
 * mean of the epoch means.
 *
 * @param runMean mean over all logged steps
 * @param steps the number of logged steps
 * @param perEpoch epoch → mean over that epoch's steps, ascending by epoch
 */
public record IndicatorAggregate(double runMean, int steps, SortedMap<Integer, Double> perEpoch) {

    /** One logged value of an indicator, at some step of an epoch. */
    public record Sample(int epoch, double value) {}

    public IndicatorAggregate {
        perEpoch = Collections.unmodifiableSortedMap(new TreeMap<>(perEpoch));
    }

    /**
     * Aggregates the logged values of one indicator.
     *
     * @throws IllegalArgumentException when there are no samples or a value is not finite
     */
    public static IndicatorAggregate of(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("an indicator needs at least one logged step");
        }
        double total = 0;
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        for (Sample s : samples) {
            if (!Double.isFinite(s.value())) {
                throw new IllegalArgumentException(
                        "non-finite indicator value in epoch " + s.epoch());
            }
            total += s.value();
            double[] sum = sums.computeIfAbsent(s.epoch(), e -> new double[2]);
            sum[0] += s.value();
            sum[1]++;
        }
        TreeMap<Integer, Double> perEpoch = new TreeMap<>();
        sums.forEach((epoch, sum) -> perEpoch.put(epoch, sum[0] / sum[1]));
        return new IndicatorAggregate(total / samples.size(), samples.size(), perEpoch);
    }
}
