package io.mtlboard.training.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;

/** Hand-made inputs and small readers of {@link Step} shared by the method tests. */
final class Fixtures {

    private Fixtures() {}

    static double[] v(double... components) {
        return components;
    }

    /** A T×D gradient matrix, one row per task. */
    static double[][] g(double[]... rows) {
        return rows;
    }

    static StepInput input(double[] losses, double[][] gradients) {
        return new StepInput(losses, gradients);
    }

    static double[] weights(Step step) {
        assertThat(step).isInstanceOf(Step.Weights.class);
        return step.weights();
    }

    static double[] direction(Step step) {
        assertThat(step).isInstanceOf(Step.Direction.class);
        return ((Step.Direction) step).direction();
    }

    /** A random source whose uniforms and Gaussians are the given values, in order. */
    static RandomGenerator scripted(double... values) {
        return new RandomGenerator() {
            private int next;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("scripted source gives doubles only");
            }

            @Override
            public double nextDouble() {
                return values[next++];
            }

            @Override
            public double nextGaussian() {
                return values[next++];
            }
        };
    }
}
