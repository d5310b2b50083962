package io.mtlboard.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which seeds the protocol's bundles hold per method and (optimizer, gradient level), and the
 * methods paired at both gradient levels with their target number of seeds on each side under
 * one optimizer — what the levels page's verdicts rest on.
 *
 * @param columns "optimizer · level", optimizers in the order of the runs, param first
 * @param rows one per method, in the order of the runs
 * @param paired the methods paired at both levels with their target seeds, in row order
 */
public record StudyCoverage(List<String> columns, List<Row> rows, List<String> paired) {

    /** Seeds every method variant of the study is to have (issue: 3 seeds, 5 for STL and EW). */
    static int targetSeeds(String method) {
        return "stl".equals(method) || "ew".equals(method) ? 5 : 3;
    }

    /**
     * One method: its target number of seeds and, per column of {@link #columns}, the seeds
     * trained.
     */
    public record Row(String method, int target, List<Cell> cells) {}

    /** The seeds of one method in one column (empty when none), and whether they reach its target. */
    public record Cell(List<Integer> seeds, boolean met) {}

    /** The coverage of {@code runs}. */
    static StudyCoverage of(List<ProtocolEvidence.RunRow> runs) {
        List<String> optimizers = new ArrayList<>();
        Map<String, Map<String, TreeSet<Integer>>> byMethod = new LinkedHashMap<>();
        for (ProtocolEvidence.RunRow r : runs) {
            if (!optimizers.contains(r.optimizer())) {
                optimizers.add(r.optimizer());
            }
            byMethod.computeIfAbsent(r.method(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.optimizer() + " · " + r.level(), k -> new TreeSet<>())
                    .add(r.seed());
        }
        List<String> columns = new ArrayList<>();
        for (String o : optimizers) {
            for (String level : List.of("param", "feature")) {
                String column = o + " · " + level;
                if (byMethod.values().stream().anyMatch(m -> m.containsKey(column))) {
                    columns.add(column);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> paired = new ArrayList<>();
        byMethod.forEach(
                (method, cells) -> {
                    int target = targetSeeds(method);
                    rows.add(
                            new Row(
                                    method,
                                    target,
                                    columns.stream()
                                            .map(
                                                    c -> {
                                                        List<Integer> seeds =
                                                                List.copyOf(
                                                                        cells.getOrDefault(
                                                                                c,
                                                                                new TreeSet<>()));
                                                        return new Cell(
                                                                seeds, seeds.size() >= target);
                                                    })
                                            .toList()));
                    if (optimizers.stream()
                            .anyMatch(
                                    o ->
                                            cells.getOrDefault(o + " · param", new TreeSet<>())
                                                                    .size()
                                                            >= target
                                                    && cells.getOrDefault(
                                                                            o + " · feature",
                                                                            new TreeSet<>())
                                                                    .size()
                                                            >= target)) {
                        paired.add(method);
                    }
                });
        return new StudyCoverage(columns, rows, paired);
    }
}
