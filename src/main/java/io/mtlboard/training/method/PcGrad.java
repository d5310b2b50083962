package io.mtlboard.training.method;

import java.util.random.RandomGenerator;

/**
 * PCGrad (METHODS.md; Yu et al., NeurIPS 2020): each g_i' starts at g_i and, over the
 * other tasks j in random order, is projected onto the normal plane of the original g_j whenever
 * ⟨g_i', g_j⟩ &lt; 0; d = Σ_i g_i'. The heads take their own losses unweighted.
 */
final class PcGrad extends BaseMethod {

    private final RandomGenerator random;

    PcGrad(int tasks, RandomGenerator random) {
        super("pcgrad", tasks, Level.PARAMETER);
        this.random = random;
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[][] projected = Linear.copy(g);
        for (int i = 0; i < tasks; i++) {
            for (int j : TaskOrder.othersShuffled(tasks, i, random)) {
                double dot = Linear.dot(projected[i], g[j]);
                if (dot < 0) {
                    Linear.addScaled(projected[i], -dot / Linear.dot(g[j], g[j]), g[j]);
                }
            }
        }
        return new Step.Direction(Linear.sumRows(projected), Linear.filled(tasks, 1));
    }
}
