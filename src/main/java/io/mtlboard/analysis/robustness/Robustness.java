package io.mtlboard.analysis.robustness;

import io.mtlboard.analysis.ranking.Orientation;
import java.util.Map;

/**
 * Robustness to corrupted inputs (METRICS.md §7, Elich et al., arXiv 2311.04698). The relative
 * drop of a metric under a corruption is {@code (−1)^{h} (M_corr − M_clean) / M_clean} with h = 1
 * when higher is better, so positive means worse. δ_t compares an MTL model with the single-task
 * model: the mean over conditions of the difference of the ratios M_corr / M_clean, MTL minus
 * STL, oriented like the drop (negated when higher is better) so that for every metric a negative
 * δ_t means MTL degrades less. For a lower-is-better metric it is exactly the ratio difference;
 * in both cases it equals the mean of (drop of MTL − drop of STL). This is Elich et al.'s Eq. 26
 * (App. A6): δ_t = 1/(|C||S|) Σ_c Σ_s (−1)^{p(t)} (M^{MTL}_{t,c,s}/M^{MTL}_t − M^{STL}_{t,c,s}/M^{STL}_t),
 * p(t) = 1 when higher is better, "δ_t &lt; 0 if the MTL model was able to handle data corruption
 * better" — the same sign for every metric direction.
 */
public final class Robustness {

    private Robustness() {}

    /** The relative drop under one corruption; positive = worse than on clean inputs. */
    public static double relativeDrop(double clean, double corrupted, Orientation orientation) {
        requireFinite(corrupted);
        return -orientation.goodness(corrupted - clean) / requireClean(clean);
    }

    /** The mean relative drop over the given conditions (e.g. one corruption's five severities). */
    public static double meanDrop(
            double clean, Map<Condition, Double> corrupted, Orientation orientation) {
        if (corrupted.isEmpty()) {
            throw new IllegalArgumentException("needs at least one corrupted measurement");
        }
        return corrupted.values().stream()
                .mapToDouble(value -> relativeDrop(clean, value, orientation))
                .average()
                .orElseThrow();
    }

    /**
     * δ_t of one metric over the conditions measured for both models.
     *
     * @throws IllegalArgumentException when the two models were not measured under the same
     *     conditions, a clean value is zero or a value is not finite
     */
    public static double delta(
            double mtlClean,
            Map<Condition, Double> mtlCorrupted,
            double stlClean,
            Map<Condition, Double> stlCorrupted,
            Orientation orientation) {
        if (!mtlCorrupted.keySet().equals(stlCorrupted.keySet())) {
            throw new IllegalArgumentException(
                    "MTL and single-task models must be measured under the same conditions");
        }
        if (mtlCorrupted.isEmpty()) {
            throw new IllegalArgumentException("needs at least one corrupted measurement");
        }
        double sum = 0;
        for (Map.Entry<Condition, Double> e : mtlCorrupted.entrySet()) {
            sum +=
                    relativeDrop(mtlClean, e.getValue(), orientation)
                            - relativeDrop(stlClean, stlCorrupted.get(e.getKey()), orientation);
        }
        return sum / mtlCorrupted.size();
    }

    private static double requireClean(double clean) {
        requireFinite(clean);
        if (clean == 0) {
            throw new IllegalArgumentException(
                    "the clean value is zero: the relative drop is undefined");
        }
        return clean;
    }

    private static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric values must be finite");
        }
    }
}
