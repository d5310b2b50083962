package io.mtlboard.analysis.grouping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The exact search of METRICS.md §6 (Standley et al., ICML 2020). Each node holds
 * the chosen networks and the best loss per task so far; its children add one more network from
 * the still-open candidates. Candidates that exceed the remaining budget or improve no task are
 * pruned: adding one never helps, since the solution without it is as good and cheaper, and
 * both conditions only get stricter further down. A node is cut when even the best loss each task
 * could reach with the open candidates cannot beat the best solution found. Ties are broken so
 * that the answer does not depend on the search order: among solutions of equal loss the cheaper
 * one is kept, then the one with fewer task decoders (Σ over its networks of the tasks each
 * solves: a decoder that serves no task is dead weight), then the first by its networks' names.
 * One instance per search; not thread-safe.
 */
final class BranchAndBound {

    /** Losses and costs within this absolute distance count as equal. */
    static final double EPS = 1e-9;

    private record Candidate(Network network, double[] loss) {}

    private final List<String> tasks;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private double bestCost = Double.POSITIVE_INFINITY;
    private int bestDecoders = Integer.MAX_VALUE;
    private String bestName = "";
    private List<Network> best;

    private BranchAndBound(List<String> tasks) {
        this.tasks = tasks;
    }

    static Optional<Grouping> solve(GroupingProblem problem, double budget) {
        BranchAndBound search = new BranchAndBound(problem.tasks());
        double[] uncovered = new double[problem.tasks().size()];
        Arrays.fill(uncovered, Double.POSITIVE_INFINITY);
        search.search(search.candidates(problem), uncovered, budget, 0, new ArrayDeque<>());
        return Optional.ofNullable(search.best)
                .map(networks -> Grouping.of(problem.tasks(), networks));
    }

    private List<Candidate> candidates(GroupingProblem problem) {
        List<Candidate> candidates = new ArrayList<>();
        for (Network n : problem.networks()) {
            double[] loss = new double[tasks.size()];
            for (int t = 0; t < loss.length; t++) {
                loss[t] =
                        n.tasks().contains(tasks.get(t))
                                ? n.loss(tasks.get(t))
                                : Double.POSITIVE_INFINITY;
            }
            candidates.add(new Candidate(n, loss));
        }
        return candidates;
    }

    private void search(
            List<Candidate> open,
            double[] current,
            double budgetLeft,
            double spent,
            Deque<Candidate> chosen) {
        consider(current, spent, chosen);
        List<Candidate> useful = new ArrayList<>();
        for (Candidate c : open) {
            if (c.network().cost() <= budgetLeft + EPS && improvement(c, current) > 0) {
                useful.add(c);
            }
        }
        double bound = lowerBound(useful, current);
        if (bound == Double.POSITIVE_INFINITY || bound > bestLoss + EPS) {
            return;
        }
        useful.sort(
                Comparator.comparingDouble((Candidate c) -> improvement(c, current)).reversed());
        for (int i = 0; i < useful.size(); i++) {
            Candidate c = useful.get(i);
            chosen.push(c);
            search(
                    useful.subList(i + 1, useful.size()),
                    min(current, c.loss()),
                    budgetLeft - c.network().cost(),
                    spent + c.network().cost(),
                    chosen);
            chosen.pop();
        }
    }

    private void consider(double[] current, double spent, Deque<Candidate> chosen) {
        double total = Arrays.stream(current).sum();
        if (total == Double.POSITIVE_INFINITY) {
            return;
        }
        List<Network> networks = chosen.stream().map(Candidate::network).toList();
        int decoders = networks.stream().mapToInt(n -> n.tasks().size()).sum();
        if (total < bestLoss - EPS
                || (total <= bestLoss + EPS && isPreferredTie(spent, decoders, networks))) {
            bestLoss = total;
            bestCost = spent;
            bestDecoders = decoders;
            bestName = name(networks);
            best = networks;
        }
    }

    private boolean isPreferredTie(double spent, int decoders, List<Network> networks) {
        if (spent < bestCost - EPS) {
            return true;
        }
        if (spent > bestCost + EPS) {
            return false;
        }
        return decoders < bestDecoders
                || (decoders == bestDecoders && name(networks).compareTo(bestName) < 0);
    }

    /** A name of a set of networks that does not depend on the order they were chosen in. */
    private static String name(List<Network> networks) {
        return networks.stream().map(Network::toString).sorted().reduce("", (a, b) -> a + ";" + b);
    }

    /** Σ_t of the best loss task t could still reach; infinite when some task cannot be covered. */
    private static double lowerBound(List<Candidate> useful, double[] current) {
        double bound = 0;
        for (int t = 0; t < current.length; t++) {
            double reach = current[t];
            for (Candidate c : useful) {
                reach = Math.min(reach, c.loss()[t]);
            }
            bound += reach;
        }
        return bound;
    }

    /**
     * The largest loss reduction the candidate brings to one task; covering a task not yet covered
     * counts as infinite, so candidates that cover new tasks are tried first.
     */
    private static double improvement(Candidate c, double[] current) {
        double largest = 0;
        for (int t = 0; t < current.length; t++) {
            if (c.loss()[t] < current[t]) {
                largest = Math.max(largest, current[t] - c.loss()[t]);
            }
        }
        return largest;
    }

    private static double[] min(double[] a, double[] b) {
        double[] m = new double[a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.min(a[i], b[i]);
        }
        return m;
    }
}
