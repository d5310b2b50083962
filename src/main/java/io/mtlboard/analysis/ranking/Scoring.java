package io.mtlboard.analysis.ranking;

import java.util.Map;
import java.util.Objects;

/**
 * One scoring of methods (METRICS.md §5): test Δm on a benchmark and backbone, a gradient
 * indicator, Δm on another backbone, … — a value per method id and the direction in which the
 * value is better. Rankings compare scorings only on the methods present in both.
 *
 * @param name what the scoring is, shown on the heatmap axes
 * @param orientation whether higher or lower values are better
 * @param values method id → finite value
 */
public record Scoring(String name, Orientation orientation, Map<String, Double> values) {

    public Scoring {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orientation, "orientation");
        values = Map.copyOf(values);
        values.forEach(
                (method, value) -> {
                    if (!Double.isFinite(value)) {
                        throw new IllegalArgumentException(
                                "scoring " + name + " has a non-finite value for " + method);
                    }
                });
    }

    /** The value of a method on a higher-is-better scale; the method must be present. */
    double goodness(String method) {
        return orientation.goodness(values.get(method));
    }
}
