package io.mtlboard.analysis.grouping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The higher-order approximation of Standley et al. (ICML 2020; METRICS.md §6):
 * networks on three or more tasks need not be trained, because the loss of task t in a subset A
 * with |A| ≥ 3 is predicted as the mean of L_t({t, j}) over j ∈ A \ {t}, from the pair networks.
 */
public final class HigherOrderApproximation {

    /** The approximation lists all 2^N subsets; beyond this many tasks that no longer fits in memory. */
    static final int MAX_TASKS = 16;

    private HigherOrderApproximation() {}

    /**
     * The problem the approximation searches: the given networks on one or two tasks, plus one
     * predicted network of cost {@code higherOrderCost} for every subset of three or more tasks.
     * Given networks on three or more tasks are left out; they only serve to measure the
     * approximation's choice (see {@link BudgetCurve}).
     *
     * @throws IllegalArgumentException when a pair of tasks has no pair network or more than one,
     *     or there are more than {@value #MAX_TASKS} tasks
     */
    public static GroupingProblem approximate(GroupingProblem problem, double higherOrderCost) {
        if (problem.tasks().size() > MAX_TASKS) {
            throw new IllegalArgumentException(
                    "the approximation supports at most " + MAX_TASKS + " tasks");
        }
        Map<Set<String>, Network> pairs = pairs(problem);
        List<Network> networks = new ArrayList<>();
        for (Network n : problem.networks()) {
            if (n.tasks().size() <= 2) {
                networks.add(n);
            }
        }
        List<String> tasks = problem.tasks();
        for (int mask = 1; mask < 1 << tasks.size(); mask++) {
            if (Integer.bitCount(mask) >= 3) {
                networks.add(predicted(subset(tasks, mask), pairs, higherOrderCost));
            }
        }
        return new GroupingProblem(tasks, networks);
    }

    /** L_t(A) ≈ mean over j ∈ A \ {t} of L_t({t, j}), for every t in A. */
    static Network predicted(List<String> subset, Map<Set<String>, Network> pairs, double cost) {
        Map<String, Double> losses = new TreeMap<>();
        for (String t : subset) {
            double sum = 0;
            for (String j : subset) {
                if (!j.equals(t)) {
                    sum += pair(pairs, t, j).loss(t);
                }
            }
            losses.put(t, sum / (subset.size() - 1));
        }
        return new Network(losses, cost);
    }

    private static Map<Set<String>, Network> pairs(GroupingProblem problem) {
        Map<Set<String>, Network> pairs = new HashMap<>();
        for (Network n : problem.networks()) {
            if (n.tasks().size() == 2 && pairs.put(Set.copyOf(n.tasks()), n) != null) {
                throw new IllegalArgumentException(
                        "more than one network for the pair " + n.tasks());
            }
        }
        return pairs;
    }

    private static Network pair(Map<Set<String>, Network> pairs, String a, String b) {
        Network n = pairs.get(Set.of(a, b));
        if (n == null) {
            throw new IllegalArgumentException("no network for the pair [" + a + ", " + b + "]");
        }
        return n;
    }

    private static List<String> subset(List<String> tasks, int mask) {
        List<String> subset = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if ((mask & 1 << i) != 0) {
                subset.add(tasks.get(i));
            }
        }
        return subset;
    }
}
