package io.mtlboard.training.method;

import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** The random order in which PCGrad and GradVac visit the other tasks. */
final class TaskOrder {

    private TaskOrder() {}

    /** The tasks other than {@code task}, shuffled (Fisher–Yates). */
    static int[] othersShuffled(int tasks, int task, RandomGenerator random) {
        int[] others = IntStream.range(0, tasks).filter(j -> j != task).toArray();
        for (int k = others.length - 1; k > 0; k--) {
            int pick = random.nextInt(k + 1);
            int swap = others[k];
            others[k] = others[pick];
            others[pick] = swap;
        }
        return others;
    }
}
