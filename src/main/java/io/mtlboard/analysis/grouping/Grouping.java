package io.mtlboard.analysis.grouping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solution of task grouping (METRICS.md §6): a set of networks covering every task. Each task
 * is served by the chosen network with the lowest loss on it, and the score is the sum of those
 * losses (lower is better).
 *
 * @param networks the chosen networks
 * @param cost their total inference cost
 * @param totalLoss Σ_t min over chosen networks solving t of L_t
 * @param taskLosses task → the loss serving it, in the problem's task order
 */
public record Grouping(
        List<Network> networks, double cost, double totalLoss, Map<String, Double> taskLosses) {

    public Grouping {
        networks = List.copyOf(networks);
        taskLosses = Collections.unmodifiableMap(new LinkedHashMap<>(taskLosses));
    }

    /**
     * Scores a set of networks on the given tasks.
     *
     * @throws IllegalArgumentException when some task is solved by none of the networks
     */
    public static Grouping of(List<String> tasks, List<Network> networks) {
        Map<String, Double> best = new LinkedHashMap<>();
        for (String task : tasks) {
            double loss =
                    networks.stream()
                            .filter(n -> n.tasks().contains(task))
                            .mapToDouble(n -> n.loss(task))
                            .min()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no chosen network solves task " + task));
            best.put(task, loss);
        }
        double cost = networks.stream().mapToDouble(Network::cost).sum();
        double total = best.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Grouping(networks, cost, total, best);
    }
}
