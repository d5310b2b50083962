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
     * Whether Δm per task and flat Δm are the same average on a benchmark: every task has as many
     * metrics (METRICS.md §2), so every seed has the same Δm in both conventions, and so has their
     * std over seeds.
     *
     * @param taskOfEachMetric the task of each of the benchmark's metrics
     */
    public static boolean conventionsCoincide(List<String> taskOfEachMetric) {
        Map<String, Integer> perTask = new LinkedHashMap<>();
        taskOfEachMetric.forEach(t -> perTask.merge(t, 1, Integer::sum));
        return perTask.values().stream().distinct().count() <= 1;
    }

    /**
     * The std of Δm over seeds that a publication printed, as far as it is the std of Δm in the
     * convention {@code shown}: the one printed for that convention, else the one printed for the
     * other convention where both conventions {@link #conventionsCoincide coincide}; null
     * otherwise (on NYUv2, with 2, 2 and 5 metrics per task, a flat std says nothing exact about
     * per-task Δm, whose weights differ).
     */
    public static Double printedStd(
            Double perTaskStd, Double flatStd, Convention shown, boolean conventionsCoincide) {
        Double same = shown == Convention.PER_TASK ? perTaskStd : flatStd;
        if (same != null) {
            return same;
        }
        return conventionsCoincide ? (shown == Convention.PER_TASK ? flatStd : perTaskStd) : null;
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
        int n = terms.size();
        String[] tasks = new String[n];
        boolean[] higherIsBetter = new boolean[n];
        double[] baseline = new double[n];
        double[] model = new double[n];
        for (int i = 0; i < n; i++) {
            Term t = terms.get(i);
            tasks[i] = t.task();
            higherIsBetter[i] = t.higherIsBetter();
            baseline[i] = t.baseline();
            model[i] = t.model();
        }
        return new Against(tasks, higherIsBetter, baseline).of(model);
    }

    /**
     * Δm of many models against one baseline over the same metrics, e.g. every run of a row: {@link
     * #of} (the same operations in the same order) without a list of terms per model.
     */
    public static final class Against {

        private final String[] tasks;
        private final boolean[] higherIsBetter;
        private final double[] baseline;

        /** Per metric, its task's position among the tasks in order of first appearance. */
        private final int[] task;

        private final int taskCount;

        /**
         * @param tasks the task of each metric
         * @param higherIsBetter the direction of each metric
         * @param baseline the baseline's value of each metric
         */
        public Against(String[] tasks, boolean[] higherIsBetter, double[] baseline) {
            if (tasks.length != higherIsBetter.length || tasks.length != baseline.length) {
                throw new IllegalArgumentException("one task, direction and baseline per metric");
            }
            this.tasks = tasks.clone();
            this.higherIsBetter = higherIsBetter.clone();
            this.baseline = baseline.clone();
            this.task = new int[tasks.length];
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < tasks.length; i++) {
                task[i] = positions.computeIfAbsent(tasks[i], k -> positions.size());
            }
            this.taskCount = positions.size();
        }

        /**
         * Δm of a model given its value of each metric, in the order of the constructor's arrays.
         *
         * @throws IllegalArgumentException as {@link DeltaM#of}
         */
        public Result of(double[] model) {
            if (model.length != tasks.length) {
                throw new IllegalArgumentException(
                        "a value per metric: " + tasks.length + " expected, " + model.length);
            }
            if (model.length == 0) {
                throw new IllegalArgumentException("Δm needs at least one metric");
            }
            double flatSum = 0;
            double[] sums = new double[taskCount];
            double[] counts = new double[taskCount];
            for (int i = 0; i < model.length; i++) {
                if (!Double.isFinite(model[i]) || !Double.isFinite(baseline[i])) {
                    throw new IllegalArgumentException(
                            "non-finite value for a metric of task " + tasks[i]);
                }
                if (baseline[i] == 0.0) {
                    throw new IllegalArgumentException(
                            "baseline value is zero for a metric of task " + tasks[i]);
                }
                double sign = higherIsBetter[i] ? 1.0 : -1.0;
                double rel = sign * (model[i] - baseline[i]) / baseline[i];
                flatSum += rel;
                sums[task[i]] += rel;
                counts[task[i]] += 1;
            }
            double taskSum = 0;
            for (int t = 0; t < taskCount; t++) {
                taskSum += sums[t] / counts[t];
            }
            return new Result(100.0 * taskSum / taskCount, 100.0 * flatSum / model.length);
        }
    }
}
