package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows of one benchmark's board, kept up to date run by run: a new, changed or withdrawn run
 * recomputes only what it touches, and the result is always exactly {@link BoardCalculator#rows} of
 * all current runs (same rows, same values, same order). Not thread-safe: the owner serializes calls.
 *
 * <p>What a run touches follows from the rules of {@link BoardCalculator}: supersession (a later run
 * of the same submitter and seed) only compares runs of one <em>family</em> (backbone × method ×
 * optimizer × gradient level), and every row belongs to one family, so a change re-derives the rows
 * of its family alone. The single-task baselines of a backbone are re-chosen only when a single-task
 * family of that backbone changed, and only when they did change are the Δm of that backbone's rows
 * recomputed. Row order (first run id of each row) is restored by sorting the rows, not by
 * re-aggregating runs.
 */
final class IncrementalBoard {

    private final List<BoardCalculator.MetricInfo> metrics;
    private final Map<Long, BoardCalculator.RunFacts> facts = new HashMap<>();

    /** Runs per family, in id order. */
    private final Map<List<Object>, TreeMap<Long, BoardCalculator.RunFacts>> families =
            new HashMap<>();

    /** Row keys of each family's current rows. */
    private final Map<List<Object>, List<List<Object>>> familyRows = new HashMap<>();

    /** The runs (not superseded, in id order) of each row. */
    private final Map<List<Object>, List<BoardCalculator.RunFacts>> groups = new HashMap<>();

    private final Map<List<Object>, BoardCalculator.BoardRow> rows = new HashMap<>();

    /** Baselines per backbone, keyed like {@link BoardCalculator#baselines}. */
    private final Map<String, Map<List<String>, BoardCalculator.Baseline>> baselines =
            new HashMap<>();

    private List<BoardCalculator.BoardRow> ordered = List.of();
    private long recomputedRows;

    IncrementalBoard(
            List<BoardCalculator.MetricInfo> metrics, Collection<BoardCalculator.RunFacts> runs) {
        this.metrics = List.copyOf(metrics);
        apply(runs, List.of());
    }

    /** The rows, in the order {@link BoardCalculator#rows} gives them. */
    List<BoardCalculator.BoardRow> rows() {
        return ordered;
    }

    /** Number of runs on the board (superseded ones included). */
    int runs() {
        return facts.size();
    }

    /** Sum of the ids of the runs on the board: with {@link #runs()}, a check against the database. */
    long idSum() {
        long sum = 0;
        for (Long id : facts.keySet()) {
            sum += id;
        }
        return sum;
    }

    /** The metric values of every run on the board, by run id (a copy of the map; values are immutable). */
    Map<Long, Map<String, Double>> values() {
        Map<Long, Map<String, Double>> values = new HashMap<>(facts.size() * 2);
        facts.forEach((id, f) -> values.put(id, f.values()));
        return values;
    }

    /** The facts of every run on the board (a copy). */
    List<BoardCalculator.RunFacts> facts() {
        return new ArrayList<>(facts.values());
    }

    /** How many rows were aggregated since this board was made (a measure of the work done). */
    long recomputedRows() {
        return recomputedRows;
    }

    /**
     * Applies new or changed runs and removes runs that left the board (withdrawn, hidden, deleted).
     * A run id in both is removed.
     */
    void apply(Collection<BoardCalculator.RunFacts> upserts, Collection<Long> removed) {
        Set<List<Object>> touched = new HashSet<>();
        for (BoardCalculator.RunFacts r : upserts) {
            BoardCalculator.RunFacts old = facts.put(r.runId(), r);
            if (old != null) {
                remove(old, touched);
            }
            families.computeIfAbsent(family(r), k -> new TreeMap<>()).put(r.runId(), r);
            touched.add(family(r));
        }
        for (Long id : removed) {
            BoardCalculator.RunFacts old = facts.remove(id);
            if (old != null) {
                remove(old, touched);
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        Set<List<Object>> dirty = new HashSet<>();
        Set<String> baselineBackbones = new HashSet<>();
        for (List<Object> family : touched) {
            regroup(family, dirty);
            if (Method.SINGLE_TASK.equals(family.get(1))) {
                baselineBackbones.add((String) family.get(0));
            }
        }
        for (String backbone : baselineBackbones) {
            Map<List<String>, BoardCalculator.Baseline> fresh = chooseBaselines(backbone);
            if (!fresh.equals(baselines.getOrDefault(backbone, Map.of()))) {
                // Δm of every row of the backbone's settings may change
                rows.keySet().stream().filter(k -> k.get(0).equals(backbone)).forEach(dirty::add);
            }
            if (fresh.isEmpty()) {
                baselines.remove(backbone);
            } else {
                baselines.put(backbone, fresh);
            }
        }
        for (List<Object> key : dirty) {
            List<BoardCalculator.RunFacts> group = groups.get(key);
            if (group == null) {
                rows.remove(key);
            } else {
                BoardCalculator.RunFacts first = group.get(0);
                rows.put(
                        key,
                        BoardCalculator.row(
                                metrics,
                                group,
                                BoardCalculator.baselineFor(
                                        first,
                                        baselines.getOrDefault(first.backboneId(), Map.of()))));
                recomputedRows++;
            }
        }
        List<BoardCalculator.BoardRow> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparingLong(r -> r.runIds().get(0)));
        ordered = List.copyOf(sorted);
    }

    private void remove(BoardCalculator.RunFacts old, Set<List<Object>> touched) {
        List<Object> family = family(old);
        TreeMap<Long, BoardCalculator.RunFacts> members = families.get(family);
        if (members != null) {
            members.remove(old.runId());
            if (members.isEmpty()) {
                families.remove(family);
            }
        }
        touched.add(family);
    }

    /** Re-derives the rows of one family: supersession, then grouping in run id order. */
    private void regroup(List<Object> family, Set<List<Object>> dirty) {
        for (List<Object> key : familyRows.getOrDefault(family, List.of())) {
            groups.remove(key);
            dirty.add(key);
        }
        TreeMap<Long, BoardCalculator.RunFacts> members = families.get(family);
        if (members == null) {
            familyRows.remove(family);
            return;
        }
        List<BoardCalculator.RunFacts> runs = new ArrayList<>(members.values());
        Set<Long> superseded = BoardCalculator.superseded(runs);
        Map<List<Object>, List<BoardCalculator.RunFacts>> regrouped = new LinkedHashMap<>();
        for (BoardCalculator.RunFacts r : runs) {
            if (!superseded.contains(r.runId())) {
                regrouped.computeIfAbsent(BoardCalculator.key(r), k -> new ArrayList<>()).add(r);
            }
        }
        groups.putAll(regrouped);
        dirty.addAll(regrouped.keySet());
        familyRows.put(family, new ArrayList<>(regrouped.keySet()));
    }

    /** The baselines of one backbone from its single-task rows, taken in board order like a full computation. */
    private Map<List<String>, BoardCalculator.Baseline> chooseBaselines(String backbone) {
        List<List<BoardCalculator.RunFacts>> singleTask = new ArrayList<>();
        familyRows.forEach(
                (family, keys) -> {
                    if (family.get(0).equals(backbone)
                            && Method.SINGLE_TASK.equals(family.get(1))) {
                        keys.forEach(k -> singleTask.add(groups.get(k)));
                    }
                });
        singleTask.sort(Comparator.comparingLong(g -> g.get(0).runId()));
        return BoardCalculator.baselines(metrics, singleTask);
    }

    /** Backbone × method × optimizer × gradient level: the runs supersession compares. */
    private static List<Object> family(BoardCalculator.RunFacts r) {
        return List.of(
                r.backboneId(),
                r.methodId(),
                Objects.toString(r.optimizer()),
                Objects.toString(r.gradientLevel()));
    }
}
