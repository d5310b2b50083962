package io.mtlboard.analysis.ranking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Scoring} before averaging over seeds: for every entry (a leaderboard row, or a method
 * within a group) the value of each of its runs, keyed by run id. The entry's score is the mean
 * over its runs; the seed bootstrap and the noise ceiling ({@link SeedBootstrap}) resample or split
 * these runs. Runs of one entry that carry values in two scorings are the same seeds (e.g. a row's
 * Δm and its logged indicator), which the bootstrap keeps paired.
 *
 * @param name what the scoring is
 * @param orientation whether higher or lower values are better
 * @param runs entry key → run id → finite value; entries without runs are left out
 */
public record SeedScoring(
        String name, Orientation orientation, Map<String, Map<Long, Double>> runs) {

    public SeedScoring {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orientation, "orientation");
        Map<String, Map<Long, Double>> copy = new LinkedHashMap<>();
        runs.forEach(
                (entry, values) -> {
                    if (!values.isEmpty()) {
                        values.values()
                                .forEach(
                                        v -> {
                                            if (!Double.isFinite(v)) {
                                                throw new IllegalArgumentException(
                                                        "scoring "
                                                                + name
                                                                + " has a non-finite value for "
                                                                + entry);
                                            }
                                        });
                        copy.put(entry, Map.copyOf(values));
                    }
                });
        runs = Collections.unmodifiableMap(copy);
    }

    /** The scoring of the means over each entry's runs. */
    public Scoring means() {
        Map<String, Double> values = new LinkedHashMap<>();
        runs.forEach(
                (entry, r) ->
                        values.put(
                                entry,
                                r.values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElseThrow()));
        return new Scoring(name, orientation, values);
    }
}
