package io.mtlboard.analysis.grouping;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A candidate network of Standley et al. (ICML 2020), METRICS.md §6: a network trained on a
 * subset of the tasks, with its inference cost (1 for a full-size network, e.g. 0.5 for a smaller
 * single-task one) and its validation loss (or lower-is-better metric) on each task it solves.
 *
 * @param losses task → loss of this network on that task; its keys are the tasks it solves
 * @param cost inference cost, positive
 */
public record Network(Map<String, Double> losses, double cost) {

    public Network {
        if (losses.isEmpty()) {
            throw new IllegalArgumentException("a network solves at least one task");
        }
        losses = Collections.unmodifiableMap(new TreeMap<>(losses));
        losses.forEach(
                (task, loss) -> {
                    if (!Double.isFinite(loss)) {
                        throw new IllegalArgumentException("non-finite loss for task " + task);
                    }
                });
        if (!(cost > 0) || !Double.isFinite(cost)) {
            throw new IllegalArgumentException(
                    "network cost must be positive and finite, got " + cost);
        }
    }

    /** The tasks this network solves, ascending. */
    public Set<String> tasks() {
        return losses.keySet();
    }

    /** The loss on a task this network solves. */
    public double loss(String task) {
        return losses.get(task);
    }

    @Override
    public String toString() {
        return tasks() + "@" + cost;
    }
}
