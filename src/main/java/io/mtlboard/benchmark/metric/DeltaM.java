package io.mtlboard.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Δm, the relative multi-task gain over single-task baselines (METRICS.md §2):
 * {@code Δm = 100 · mean_k (−1)^{l_k} (M_{m,k} − M_{b,k}) / M_{b,k}}, positive = better than
 * single-task learning. Both averaging conventions of the literature are computed: <em>flat</em>
 * (mean over all metrics, as CAGrad, Nash-MTL and FAMO report it with the sign flipped) and
 * <em>per-task</em> (mean over each task's metrics first, then over tasks — LibMTL's Δp and DB-MTL's
 * Δp_task).
 */
public final class DeltaM {

    private DeltaM() {}

    /**
     * One metric of the model against the baseline.
     *
     * @param task the task the metric belongs to (groups metrics for the per-task convention)
     * @param higherIsBetter direction of the metric
     * @param model the model's value
     * @param baseline the single-task baseline's value (non-zero)
     */
    public record Term(String task, boolean higherIsBetter, double model, double baseline) {}

    /**
     * Δm in percent, gain sign (positive = better than the baseline).
     *
     * @param perTask mean over tasks of the mean over each task's metrics
     * @param flat mean over all metrics
     */
    public record Result(double perTask, double flat) {}

    /** The two conventions in which Δm can be averaged. */
    public enum Convention {
        PER_TASK(
                "per-task",
                "Δm per task: mean over each task's metrics, then over tasks (LibMTL Δp, DB-MTL Δp_task)"),
        FLAT(
                "flat",
                "Δm flat: mean over all metrics (CAGrad, Nash-MTL, FAMO; they report its negative as a drop)");

        private final String id;
        private final String label;

        Convention(String id, String label) {
            this.id = id;
            this.label = label;
        }

        /** The query-parameter value naming this convention. */
        public String id() {
            return id;
        }

        /** A sentence saying what the convention is and who uses it. */
        public String label() {
            return label;
        }

        /** The value of this convention in a result. */
        public double pick(Result result) {
            return this == PER_TASK ? result.perTask() : result.flat();
        }
    }

    /**
     * Computes Δm in both conventions.
     *
     * @throws IllegalArgumentException when there are no terms, a value is not finite or a
     *     baseline is zero (the relative change is then undefined)
     */
    public static Result of(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("Δm needs at least one metric");
        }
        double flatSum = 0;
        Map<String, double[]> perTask = new LinkedHashMap<>();
        for (Term t : terms) {
            if (!Double.isFinite(t.model()) || !Double.isFinite(t.baseline())) {
                throw new IllegalArgumentException(
                        "non-finite value for a metric of task " + t.task());
            }
            if (t.baseline() == 0.0) {
                throw new IllegalArgumentException(
                        "baseline value is zero for a metric of task " + t.task());
            }
            double sign = t.higherIsBetter() ? 1.0 : -1.0;
            double rel = sign * (t.model() - t.baseline()) / t.baseline();
            flatSum += rel;
            double[] acc = perTask.computeIfAbsent(t.task(), k -> new double[2]);
            acc[0] += rel;
            acc[1] += 1;
        }
        double taskSum = 0;
        for (double[] acc : perTask.values()) {
            taskSum += acc[0] / acc[1];
        }
        return new Result(100.0 * taskSum / perTask.size(), 100.0 * flatSum / terms.size());
    }
}
