package io.mtlboard.training;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The convergence facts of a run's validation curves, stored in its bundle: for every task's
 * first metric, the value after the last epoch E, the value after epoch E − 2, their difference
 * (metric points) and how much the best value so far rose over those two epochs. The run counts
 * as converged when every task's curve changed by less than the protocol's threshold (e.g. 0.3
 * points) over the last two epochs; with fewer than three epochs it is not decided.
 */
final class Convergence {

    private Convergence() {
    }

    /** The facts for the training log {@code log} (entries with a {@code validation} map). */
    static Map<String, Object> of(BenchmarkManifest manifest, List<Map<String, Object>> log, double threshold) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("criterion", String.format(java.util.Locale.ROOT,
                "every task's validation metric changes by less than %s points between the last epoch and the one "
                        + "two epochs before", threshold));
        result.put("threshold", threshold);
        int epochs = log.size();
        Map<String, Object> perTask = new LinkedHashMap<>();
        Boolean converged = epochs >= 3 ? Boolean.TRUE : null;
        for (BenchmarkManifest.TaskSpec task : manifest.tasks()) {
            String key = task.name() + "." + task.metrics().get(0).name();
            boolean higher = !Boolean.FALSE.equals(task.metrics().get(0).higherIsBetter());
            double[] curve = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                curve[e] = value(log.get(e), key);
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("metric", key);
            t.put("last", curve[epochs - 1]);
            if (epochs >= 3) {
                double change = curve[epochs - 1] - curve[epochs - 3];
                t.put("twoEpochsBefore", curve[epochs - 3]);
                t.put("change", change);
                t.put("bestSoFarGain", bestUpTo(curve, epochs, higher) - bestUpTo(curve, epochs - 2, higher));
                boolean ok = Math.abs(change) < threshold;
                t.put("converged", ok);
                converged = converged && ok;
            }
            perTask.put(task.name(), t);
        }
        result.put("tasks", perTask);
        result.put("converged", converged);
        return result;
    }

    private static double bestUpTo(double[] curve, int n, boolean higher) {
        double best = higher ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int e = 0; e < n; e++) {
            best = higher ? Math.max(best, curve[e]) : Math.min(best, curve[e]);
        }
        return higher ? best : -best;
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> entry, String key) {
        Object validation = entry.get("validation");
        if (validation instanceof Map<?, ?> m && m.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }
}
