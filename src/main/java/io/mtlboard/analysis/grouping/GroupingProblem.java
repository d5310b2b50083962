package io.mtlboard.analysis.grouping;

import java.util.HashSet;
import java.util.List;

/**
 * The input of task grouping (METRICS.md §6, Standley et al., ICML 2020): the tasks to cover
 * and the candidate networks, typically the 2^N − 1 full-size networks over task subsets plus
 * optional smaller single-task networks.
 *
 * @param tasks the tasks, distinct, in display order
 * @param networks candidate networks, each solving only tasks of {@code tasks}
 */
public record GroupingProblem(List<String> tasks, List<Network> networks) {

    /** More tasks than this cannot be represented; the exact search is exponential long before. */
    static final int MAX_TASKS = 30;

    public GroupingProblem {
        tasks = List.copyOf(tasks);
        networks = List.copyOf(networks);
        if (tasks.isEmpty() || tasks.size() > MAX_TASKS) {
            throw new IllegalArgumentException("task grouping needs 1 to " + MAX_TASKS + " tasks");
        }
        if (new HashSet<>(tasks).size() != tasks.size()) {
            throw new IllegalArgumentException("tasks must be distinct: " + tasks);
        }
        for (Network n : networks) {
            if (!tasks.containsAll(n.tasks())) {
                throw new IllegalArgumentException(
                        "network " + n + " solves a task outside " + tasks);
            }
        }
    }
}
