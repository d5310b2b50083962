package io.mtlboard.training.method;

/**
 * Updates a method's own learnable parameters (UW's and IMTL-L's s, GradNorm's w, FAMO's ξ) in
 * place from the analytic gradient of the method's objective, so that they train alongside the
 * model without entering its autograd graph.
 */
interface ParameterOptimizer {

    /** One descent step: params ← params − update(gradient). */
    void step(double[] params, double[] gradient);

    /** Plain gradient descent with rate {@code lr}. */
    static ParameterOptimizer sgd(double lr) {
        return (params, gradient) -> Linear.addScaled(params, -lr, gradient);
    }

    /**
     * Adam (Kingma and Ba, ICLR 2015) with β = (0.9, 0.999), ε = 1e-8 and, as in PyTorch's
     * {@code Adam}, L2 weight decay added to the gradient.
     */
    static ParameterOptimizer adam(double lr, double weightDecay) {
        return new Adam(lr, weightDecay);
    }

    /** Adam's moments and step count for one parameter vector. */
    final class Adam implements ParameterOptimizer {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;
        private final double lr;
        private final double weightDecay;
        private double[] m;
        private double[] v;
        private int t;

        Adam(double lr, double weightDecay) {
            this.lr = lr;
            this.weightDecay = weightDecay;
        }

        @Override
        public void step(double[] params, double[] gradient) {
            if (m == null) {
                m = new double[params.length];
                v = new double[params.length];
            }
            t++;
            for (int k = 0; k < params.length; k++) {
                double g = gradient[k] + weightDecay * params[k];
                m[k] = BETA1 * m[k] + (1 - BETA1) * g;
                v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
                double mHat = m[k] / (1 - Math.pow(BETA1, t));
                double vHat = v[k] / (1 - Math.pow(BETA2, t));
                params[k] -= lr * mHat / (Math.sqrt(vHat) + EPSILON);
            }
        }
    }
}
