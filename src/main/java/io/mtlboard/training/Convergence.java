package io.mtlboard.training;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The convergence facts of a run's validation curves, stored in its bundle: for every task's
 * first metric, the mean of the last two epochs (E − 1, E), the mean of the two before them
 * (E − 3, E − 2), their difference in metric points ({@code change}: how much the curve moved over
 * the last two epochs, each point smoothed over two epochs because one epoch's validation value
 * scatters by a few tenths), the raw values and how much the best value so far rose over the last
 * two epochs. The run counts as converged when every task's change is smaller than the
 * protocol's threshold (e.g. 0.3 points); with fewer than four epochs it is not decided.
 */
final class Convergence {

    private Convergence() {}

    /** The facts for the training log {@code log} (entries with a {@code validation} map). */
    static Map<String, Object> of(
            BenchmarkManifest manifest, List<Map<String, Object>> log, double threshold) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(
                "criterion",
                String.format(
                        Locale.ROOT,
                        "every task's validation metric, averaged over the last two epochs, differs by less than %s points "
                                + "from its average over the two epochs before",
                        threshold));
        result.put("threshold", threshold);
        int epochs = log.size();
        Map<String, Object> perTask = new LinkedHashMap<>();
        Boolean converged = epochs >= 4 ? Boolean.TRUE : null;
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
            if (epochs >= 4) {
                double lastTwo = (curve[epochs - 1] + curve[epochs - 2]) / 2;
                double twoBefore = (curve[epochs - 3] + curve[epochs - 4]) / 2;
                double change = lastTwo - twoBefore;
                t.put("lastTwoMean", lastTwo);
                t.put("twoBeforeMean", twoBefore);
                t.put(
                        "lastFour",
                        new double[] {
                            curve[epochs - 4],
                            curve[epochs - 3],
                            curve[epochs - 2],
                            curve[epochs - 1]
                        });
                t.put("change", change);
                t.put(
                        "bestSoFarGain",
                        bestUpTo(curve, epochs, higher) - bestUpTo(curve, epochs - 2, higher));
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
