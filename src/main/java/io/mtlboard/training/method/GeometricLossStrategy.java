package io.mtlboard.training.method;

/**
 * GLS (METHODS.md; Chennupati et al., CVPR Workshops 2019): minimize the geometric mean
 * (Π_i L_i)^{1/T}. Its gradient is Σ_i w_i ∇L_i with w_i = (Π_j L_j)^{1/T} / (T L_i), so those are
 * the loss weights; losses must be positive.
 */
final class GeometricLossStrategy extends BaseMethod {

    GeometricLossStrategy(int tasks) {
        super("gls", tasks, Level.NONE);
    }

    @Override
    Step step(StepInput input) {
        double[] losses = input.losses();
        requirePositive(losses);
        double meanLog = 0;
        for (double loss : losses) {
            meanLog += Math.log(loss) / tasks;
        }
        double geometricMean = Math.exp(meanLog);
        double[] weights = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            weights[i] = geometricMean / (tasks * losses[i]);
        }
        return new Step.Weights(weights);
    }
}
