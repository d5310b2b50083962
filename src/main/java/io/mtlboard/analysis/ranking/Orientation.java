package io.mtlboard.analysis.ranking;

/**
 * Which direction of a score is better (METRICS.md §1 "Direction", §5, §7). Analyses turn every
 * score into a <em>goodness</em> (higher is better) so that scorings of opposite orientation, such
 * as test Δm and a gradient-conflict indicator, can be compared.
 */
public enum Orientation {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** The orientation of a metric or indicator from its higher-is-better flag. */
    public static Orientation of(boolean higherIsBetter) {
        return higherIsBetter ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    /** The value on a higher-is-better scale: unchanged, or negated when lower is better. */
    public double goodness(double value) {
        return this == HIGHER_IS_BETTER ? value : -value;
    }
}
