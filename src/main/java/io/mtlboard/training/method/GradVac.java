package io.mtlboard.training.method;

import java.util.random.RandomGenerator;

/**
 * GradVac (METHODS.md; Wang et al., ICLR 2021; whole model as one group): an EMA target
 * φ̂_ij (β = 0.5, start 0) of each ordered pair's cosine. Over the other tasks j in random order,
 * when the cosine φ_ij of g_i' with the original g_j is below φ̂_ij, g_i' gains
 * g_j ‖g_i'‖ (φ̂_ij √(1−φ_ij²) − φ_ij √(1−φ̂_ij²)) / (‖g_j‖ √(1−φ̂_ij²)), which raises the cosine
 * to φ̂_ij exactly; then φ̂_ij ← (1−β) φ̂_ij + β φ_ij. d = Σ_i g_i'; heads unweighted. A pair with a
 * zero gradient, or a target of ±1 (no finite adjustment), is left alone.
 */
final class GradVac extends BaseMethod {

    private final double beta;
    private final RandomGenerator random;
    private final double[][] target;

    GradVac(int tasks, double beta, RandomGenerator random) {
        super("gradvac", tasks, Level.PARAMETER);
        this.beta = beta;
        this.random = random;
        this.target = new double[tasks][tasks];
    }

    @Override
    Step step(StepInput input) {
        double[][] g = input.gradients();
        double[][] vaccinated = Linear.copy(g);
        for (int i = 0; i < tasks; i++) {
            for (int j : TaskOrder.othersShuffled(tasks, i, random)) {
                adjust(vaccinated[i], g[j], i, j);
            }
        }
        return new Step.Direction(Linear.sumRows(vaccinated), Linear.filled(tasks, 1));
    }

    private void adjust(double[] gi, double[] gj, int i, int j) {
        double normI = Linear.norm(gi);
        double normJ = Linear.norm(gj);
        if (normI == 0 || normJ == 0) {
            return;
        }
        double phi = Math.max(-1, Math.min(1, Linear.dot(gi, gj) / (normI * normJ)));
        double goal = target[i][j];
        double goalSine = Math.sqrt(1 - goal * goal);
        if (phi < goal && goalSine > 0) {
            double w =
                    normI * (goal * Math.sqrt(1 - phi * phi) - phi * goalSine) / (normJ * goalSine);
            Linear.addScaled(gi, w, gj);
        }
        target[i][j] = (1 - beta) * goal + beta * phi;
    }

    /** The current EMA targets φ̂_ij. */
    double[][] targets() {
        return Linear.copy(target);
    }
}
