package io.mtlboard.analysis.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Pareto optimality of runs compared on every metric at once, as Elich et al. (GCPR 2024, arXiv
 * 2311.04698, Table 2 and Table A2) count it for Adam against SGD: a run is Pareto optimal when no
 * other run is at least as good on every metric and better on one. Counted per group (e.g. per
 * optimizer) twice: among all runs ("PO (full)") and against the runs of the other groups only
 * ("PO w.r.t." the other optimizer).
 */
public final class ParetoFront {

    private ParetoFront() {}

    /**
     * A run: its id, its group, and its metric values oriented so that higher is better (negate
     * lower-is-better metrics).
     */
    public record Point(String id, String group, double[] values) {}

    /**
     * One group's counts.
     *
     * @param points the group's runs
     * @param optimal runs no other run dominates
     * @param optimalAgainstOthers runs no run of another group dominates
     * @param optimalIds the ids of the {@code optimal} runs, in input order
     */
    public record GroupCount(
            String group,
            int points,
            int optimal,
            int optimalAgainstOthers,
            List<String> optimalIds) {}

    /** Whether {@code a} is at least as good as {@code b} everywhere and better somewhere. */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("runs compared on different numbers of metrics");
        }
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            better |= a[i] > b[i];
        }
        return better;
    }

    /**
     * Which of the given runs no other run dominates, in input order: the non-dominated set of a
     * trade-off plot. Values are oriented so that higher is better; equal runs do not dominate
     * each other, so both stay non-dominated.
     */
    public static List<Boolean> nonDominated(List<double[]> values) {
        List<Boolean> front = new ArrayList<>(values.size());
        for (double[] v : values) {
            front.add(values.stream().noneMatch(o -> dominates(o, v)));
        }
        return front;
    }

    /** The counts of each group, in the order given. */
    public static List<GroupCount> counts(List<Point> points, List<String> groups) {
        List<GroupCount> counts = new ArrayList<>();
        for (String group : groups) {
            int size = 0;
            int againstOthers = 0;
            List<String> optimal = new ArrayList<>();
            for (Point p : points) {
                if (!p.group().equals(group)) {
                    continue;
                }
                size++;
                if (points.stream().noneMatch(o -> o != p && dominates(o.values(), p.values()))) {
                    optimal.add(p.id());
                }
                if (points.stream()
                        .noneMatch(
                                o ->
                                        !o.group().equals(group)
                                                && dominates(o.values(), p.values()))) {
                    againstOthers++;
                }
            }
            counts.add(
                    new GroupCount(
                            group, size, optimal.size(), againstOthers, List.copyOf(optimal)));
        }
        return counts;
    }
}
