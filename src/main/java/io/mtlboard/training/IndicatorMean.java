package io.mtlboard.training;

import io.mtlboard.analysis.gradients.GradientSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mean of gradient indicators (METRICS.md §3) over the logged steps of an epoch, as the
 * {@code indicators} object of the run manifest's training log.
 */
final class IndicatorMean {

    private final List<String> names;
    private double cosine;
    private double magnitude;
    private double conflicts;
    private double coordinateConflicts;
    private double imbalance;
    private double[] relativeNorms;
    private int steps;

    /** @param names the name of each gradient (task names), or null to leave out relative norms */
    IndicatorMean(List<String> names) {
        this.names = names;
    }

    void add(GradientSummary s) {
        cosine += s.meanCosine();
        magnitude += s.meanMagnitudeSimilarity();
        conflicts += s.conflictRatio();
        coordinateConflicts += s.coordinateConflictRatio();
        imbalance += s.imbalance();
        if (relativeNorms == null) {
            relativeNorms = new double[s.relativeNorms().size()];
        }
        for (int i = 0; i < relativeNorms.length; i++) {
            relativeNorms[i] += s.relativeNorms().get(i);
        }
        steps++;
    }

    boolean isEmpty() {
        return steps == 0;
    }

    /** The means, keyed as the schema's {@code indicators} definition; empty when nothing was added. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (steps == 0) {
            return m;
        }
        m.put("cosine", clamp(cosine / steps, -1, 1));
        m.put("magnitudeSimilarity", clamp(magnitude / steps, 0, 1));
        m.put("conflictRatio", clamp(conflicts / steps, 0, 1));
        m.put("coordinateConflictRatio", clamp(coordinateConflicts / steps, 0, 1));
        if (names != null) {
            Map<String, Double> norms = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                norms.put(names.get(i), relativeNorms[i] / steps);
            }
            m.put("relativeNorms", norms);
        }
        m.put("imbalance", Math.max(1, imbalance / steps));
        return m;
    }

    // means of values in a range stay in it up to rounding, which the schema would reject
    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
