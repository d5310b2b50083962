package io.mtlboard.training;

import io.mtlboard.training.net.Backbones;
import java.util.ArrayList;
import java.util.List;

/**
 * One network of the task-grouping experiment (Standley et al., ICML 2020, §3): a full-size
 * network trained on a subset of the benchmark's tasks with equal weights, or a half-size
 * single-task network (encoder widths × 1/√2, about half its multiply-adds).
 *
 * @param tasks indices into the benchmark's tasks, ascending
 * @param half whether the encoder is half-size
 */
record GroupingNetwork(List<Integer> tasks, boolean half) {

    /** The directory of the experiment's bundles under the benchmark's reference directory. */
    static final String DIR = "task-grouping";

    GroupingNetwork {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty() || (half && tasks.size() != 1)) {
            throw new IllegalArgumentException("need a task subset; half size for one task only");
        }
    }

    /** The encoder width factor. */
    double width() {
        return half ? Backbones.HALF_WIDTH : 1;
    }

    /** The cost of the network in units of a full-size network, as Standley et al. count it. */
    double cost() {
        return half ? 0.5 : 1;
    }

    /**
     * The networks of the experiment on {@code n} tasks: every non-empty subset at full size (by
     * size, then by index order), then each task at half size.
     */
    static List<GroupingNetwork> plan(int n) {
        List<GroupingNetwork> plan = new ArrayList<>();
        for (int size = 1; size <= n; size++) {
            for (int mask = 1; mask < (1 << n); mask++) {
                if (Integer.bitCount(mask) == size) {
                    List<Integer> subset = new ArrayList<>();
                    for (int t = 0; t < n; t++) {
                        if ((mask & (1 << t)) != 0) {
                            subset.add(t);
                        }
                    }
                    plan.add(new GroupingNetwork(subset, false));
                }
            }
        }
        for (int t = 0; t < n; t++) {
            plan.add(new GroupingNetwork(List.of(t), true));
        }
        return plan;
    }

    /** A file-name-safe name: the task names joined by {@code +} and the size. */
    String name(String backbone, List<String> taskNames, String optimizer, long seed) {
        List<String> names = tasks.stream().map(taskNames::get).toList();
        return backbone
                + "_"
                + String.join("+", names)
                + "_"
                + (half ? "half" : "full")
                + "_"
                + optimizer
                + "_seed"
                + seed;
    }
}
