package io.mtlboard.evaluation;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Arrays;

/**
 * Efficiency of a model on the device it ran on: parameter count, median latency of one sample at
 * batch size 1, and throughput at the benchmark batch size.
 */
record Efficiency(Long parameters, Double latencyMs, Double throughput) {

    /** Measures the subject: {@code runs} timed runs at batch size 1 after 3 warm-ups, 3 at {@code batchSize}. */
    static Efficiency measure(
            ModelEvaluator.Subject subject, SplitBatches batches, int batchSize, int runs)
            throws ModelFault {
        Predictor<NDList, NDList> predictor = subject.predictor();
        double[] times = new double[runs];
        try (NDManager m = subject.model().getNDManager().newSubManager()) {
            NDArray one = batches.input(m, 0, 1);
            for (int i = -3; i < runs; i++) {
                long t0 = System.nanoTime();
                SplitScorer.run(predictor, one).close();
                if (i >= 0) {
                    times[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            NDArray full = batches.input(m, 0, batchSize);
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                SplitScorer.run(predictor, full).close();
            }
            double throughput = 3.0 * batchSize / ((System.nanoTime() - t0) / 1e9);
            Arrays.sort(times);
            return new Efficiency(parameters(subject.model()), times[runs / 2], throughput);
        }
    }

    /** The parameter count alone, latency and throughput not measured. */
    static Efficiency parametersOnly(Model model) {
        return new Efficiency(parameters(model), null, null);
    }

    private static Long parameters(Model model) {
        try {
            long count = 0;
            for (Parameter p : model.getBlock().getParameters().values()) {
                count += p.getArray().getShape().size();
            }
            return count == 0 ? null : count;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
