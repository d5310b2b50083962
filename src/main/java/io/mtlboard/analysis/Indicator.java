package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Orientation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An indicator logged during training that the analysis pages rank methods by: the gradient
 * indicators of METRICS.md §3 per gradient level (parameters or shared representation) and scope
 * (inter-task or inter-sample), and feature disentanglement (§4). The orientation is the reading
 * under which the indicator signals <em>fewer</em> multi-task challenges: more aligned gradients
 * (higher cosine), more equal norms (higher magnitude similarity, lower imbalance), fewer
 * conflicts, more disentangled features (higher FD, lower entropy). Ranking similarity (§5)
 * compares that ranking with the ranking by test Δm. The training loss (the sum over tasks of the
 * logged per-task training losses; lower is better) is listed last as a reference predictor, not
 * an indicator of multi-task challenges: an indicator is worth reading where it ranks methods more
 * like test Δm than how well they fit the training data does.
 *
 * @param key e.g. {@code param.interTask.cosine} or {@code fd.value}
 * @param label the name shown to readers
 * @param orientation the direction read as better
 */
public record Indicator(String key, String label, Orientation orientation) {

    /** The key of the reference predictor: the training loss summed over tasks. */
    public static final String TRAINING_LOSS = "loss.total";

    /**
     * The key of the scale-free reference predictor: the geometric mean over tasks of the training
     * losses. Multiplying one task's loss by a constant multiplies every row's value by the same
     * factor, so its ranking of the rows does not depend on the tasks' loss scales, where the sum
     * is weighted towards the task with the largest loss (METRICS.md §5).
     */
    public static final String TRAINING_LOSS_GEOMETRIC = "loss.geometricMean";

    /** Every indicator a training log can hold, gradient indicators first, the training losses last. */
    public static final List<Indicator> ALL = catalogue();

    /** Whether this is a reference predictor (a training loss) rather than an indicator. */
    public boolean reference() {
        return reference(key);
    }

    /** Whether {@code key} is a reference predictor's (a training loss). */
    public static boolean reference(String key) {
        return key.equals(TRAINING_LOSS) || key.equals(TRAINING_LOSS_GEOMETRIC);
    }

    /** The indicator with the given key. */
    public static Optional<Indicator> byKey(String key) {
        return ALL.stream().filter(i -> i.key.equals(key)).findFirst();
    }

    private static List<Indicator> catalogue() {
        List<Indicator> all = new ArrayList<>();
        for (String level : TrainingLogs.LEVELS) {
            for (String scope : TrainingLogs.SCOPES) {
                String where =
                        " ("
                                + level
                                + ", "
                                + (scope.startsWith("interTask") ? "inter-task" : "inter-sample")
                                + (scope.endsWith("PerSample") ? ", per sample" : ", batch")
                                + ")";
                all.add(
                        new Indicator(
                                level + "." + scope + ".cosine",
                                "cosine similarity" + where,
                                Orientation.HIGHER_IS_BETTER));
                all.add(
                        new Indicator(
                                level + "." + scope + ".magnitudeSimilarity",
                                "magnitude similarity" + where,
                                Orientation.HIGHER_IS_BETTER));
                all.add(
                        new Indicator(
                                level + "." + scope + ".conflictRatio",
                                "conflict ratio" + where,
                                Orientation.LOWER_IS_BETTER));
                all.add(
                        new Indicator(
                                level + "." + scope + ".coordinateConflictRatio",
                                "coordinate conflict ratio" + where,
                                Orientation.LOWER_IS_BETTER));
                all.add(
                        new Indicator(
                                level + "." + scope + ".imbalance",
                                "norm imbalance" + where,
                                Orientation.LOWER_IS_BETTER));
            }
        }
        all.add(
                new Indicator(
                        "fd.value", "feature disentanglement (FD)", Orientation.HIGHER_IS_BETTER));
        all.add(
                new Indicator(
                        "fd.meanEntropy", "mean task entropy (nats)", Orientation.LOWER_IS_BETTER));
        all.add(
                new Indicator(
                        TRAINING_LOSS,
                        "training loss (sum over tasks; reference)",
                        Orientation.LOWER_IS_BETTER));
        all.add(
                new Indicator(
                        TRAINING_LOSS_GEOMETRIC,
                        "training loss (geometric mean over tasks; reference)",
                        Orientation.LOWER_IS_BETTER));
        return List.copyOf(all);
    }
}
