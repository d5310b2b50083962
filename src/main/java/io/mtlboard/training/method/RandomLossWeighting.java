package io.mtlboard.training.method;

import java.util.random.RandomGenerator;

/** RLW (METHODS.md; Lin et al., TMLR 2022): each step w = softmax(λ) with λ ~ N(0, I). */
final class RandomLossWeighting extends BaseMethod {

    private final RandomGenerator random;

    RandomLossWeighting(int tasks, RandomGenerator random) {
        super("rlw", tasks, Level.NONE);
        this.random = random;
    }

    @Override
    Step step(StepInput input) {
        double[] lambda = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            lambda[i] = random.nextGaussian();
        }
        return new Step.Weights(Linear.softmax(lambda));
    }
}
