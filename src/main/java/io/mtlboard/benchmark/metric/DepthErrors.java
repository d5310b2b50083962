package io.mtlboard.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming depth errors (METRICS.md §1) over the valid pixels of the whole split — pixels whose
 * ground truth is positive, or those an explicit mask marks: AbsErr = mean |d̂ − d|,
 * RelErr = mean |d̂ − d| / d. Both are pixel-weighted over the split, not averaged per batch.
 */
public final class DepthErrors implements TaskScorer {

    private final CompensatedSum absolute = new CompensatedSum();
    private final CompensatedSum relative = new CompensatedSum();
    private long valid;

    /** Adds predicted and true depth of the same layout; valid where the truth is positive and finite. */
    @Override
    public void add(float[] predicted, float[] target) {
        add(predicted, target, null);
    }

    /**
     * Adds predicted and true depth; {@code mask} (same length, may be null) further restricts the
     * valid pixels. A pixel is never valid when its ground truth is not positive.
     */
    public void add(float[] predicted, float[] target, boolean[] mask) {
        if (predicted.length != target.length || (mask != null && mask.length != target.length)) {
            throw new IllegalArgumentException("predicted, target and mask differ in length");
        }
        for (int i = 0; i < target.length; i++) {
            float d = target[i];
            if (!(d > 0) || Float.isInfinite(d) || (mask != null && !mask[i])) {
                continue;
            }
            double err = Math.abs((double) predicted[i] - d);
            absolute.add(err);
            relative.add(err / d);
            valid++;
        }
    }

    /** Mean absolute error, in the unit of the ground truth. */
    public double absErr() {
        return absolute.value() / requireValid();
    }

    /** Mean absolute error relative to the ground truth. */
    public double relErr() {
        return relative.value() / requireValid();
    }

    /** Number of valid pixels scored. */
    public long count() {
        return valid;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("absErr", absErr());
        values.put("relErr", relErr());
        return values;
    }

    private long requireValid() {
        if (valid == 0) {
            throw new IllegalStateException("no valid depth pixels were scored");
        }
        return valid;
    }
}
