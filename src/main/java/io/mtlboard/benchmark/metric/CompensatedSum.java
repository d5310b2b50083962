package io.mtlboard.benchmark.metric;

/**
 * Neumaier's compensated summation: the total of millions of per-pixel errors stays accurate to a
 * few ulps whatever the order or batching of the terms, so streamed metrics agree with a one-shot
 * computation over the whole split.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    double value() {
        return sum + compensation;
    }
}
