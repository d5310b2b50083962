package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Per-sample gradients for the inter-task and inter-sample conflict indicators at the granularity
 * of Elich et al. (GCPR 2024, arXiv 2311.04698, Sec. 4.2 and App. A3.2): inter-task compares two
 * tasks' gradients on one and the same sample, inter-sample one task's gradients on two different
 * samples of the batch; on a measured step up to {@value #MAX_SAMPLES} samples are drawn at random.
 * <p>
 * The gradient of sample j for task t is the gradient of sample j's term of the batch loss L_t:
 * the slice of ∂L_t/∂z belonging to sample j, backpropagated through the encoder to the shared
 * parameters (parameter level), or that slice itself (feature level: the sample's gradient with
 * respect to its own shared representation, so that two samples' gradients live in the same space).
 * Batch-mean losses scale every sample's gradient by the same factor, which cosine and magnitude
 * similarity do not see. Layers that mix samples in training mode (batch normalisation) make the
 * sample's term depend on the other samples; the gradient is still that of its term in the batch.
 */
final class SampleGradients {

    /** At most this many samples per measured step, as Elich et al. draw. */
    static final int MAX_SAMPLES = 8;

    private SampleGradients() {}

    /** Up to {@value #MAX_SAMPLES} distinct indices of a batch of {@code n} samples, in increasing order. */
    static int[] pick(int n, Random random) {
        int k = Math.min(n, MAX_SAMPLES);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = Arrays.copyOf(all, k);
        Arrays.sort(chosen);
        return chosen;
    }

    /**
     * [task][sample] → the sample's gradient of the shared parameters, flattened in parameter order.
     *
     * @param z the encoder's output for the batch (its graph is kept)
     * @param featureGradients per task, ∂L_t/∂z for the batch
     */
    static double[][][] parameters(
            NDArray z, NDArray[] featureGradients, int[] samples, List<Parameter> shared) {
        double[][][] out = new double[featureGradients.length][samples.length][];
        for (int s = 0; s < samples.length; s++) {
            try (NDArray mask = mask(z, samples[s])) {
                for (int t = 0; t < featureGradients.length; t++) {
                    try (NDArray upstream = featureGradients[t].mul(mask)) {
                        Gradients.backward(z, upstream, true);
                    }
                    out[t][s] = Gradients.takeFlat(shared);
                }
            }
        }
        return out;
    }

    /** [task][sample] → the sample's slice of ∂L_t/∂z, flattened. */
    static double[][][] features(NDArray[] featureGradients, int[] samples) {
        double[][][] out = new double[featureGradients.length][samples.length][];
        for (int t = 0; t < featureGradients.length; t++) {
            for (int s = 0; s < samples.length; s++) {
                try (NDArray slice = featureGradients[t].get(samples[s])) {
                    out[t][s] = Gradients.toDoubles(slice);
                }
            }
        }
        return out;
    }

    /** 1 for sample {@code index}, 0 for the others, broadcastable against {@code z}. */
    private static NDArray mask(NDArray z, int index) {
        long n = z.getShape().get(0);
        long[] shape = new long[z.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = n;
        float[] values = new float[(int) n];
        values[index] = 1f;
        return z.getManager().create(values, new Shape(shape));
    }
}
