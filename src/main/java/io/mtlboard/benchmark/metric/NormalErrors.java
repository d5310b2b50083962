package io.mtlboard.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming surface-normal errors (METRICS.md §1) over the valid pixels of the whole split — those
 * whose ground-truth normal is non-zero. Prediction and ground truth are normalized to unit length
 * (a zero prediction counts as 90°); angle = degrees(acos(clamp(n̂·n, −1, 1))). Reports the mean
 * and median angle and the percentages of pixels under 11.25°, 22.5° and 30°.
 *
 * <p>The mean and the three percentages are exact. The median comes from a histogram of
 * {@value #BINS_PER_DEGREE} bins per degree (memory stays under 3 MB however large the split): the
 * middle rank's bin is found exactly and reported as the mean of the angles in that bin, so it is
 * within one bin width (0.001°) of the exact median — far inside any verification tolerance — and
 * exact when the angles in that bin are equal.
 */
public final class NormalErrors implements TaskScorer {

    static final int BINS_PER_DEGREE = 1000;
    private static final double[] THRESHOLDS = {11.25, 22.5, 30.0};

    private final int pixels;
    private final long[] histogram = new long[180 * BINS_PER_DEGREE + 1];
    private final double[] binSums = new double[histogram.length];
    private final long[] within = new long[THRESHOLDS.length];
    private final CompensatedSum sum = new CompensatedSum();
    private long valid;

    /** @param height map height, @param width map width (layout {@code N × 3 × H × W}) */
    public NormalErrors(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be positive");
        }
        this.pixels = height * width;
    }

    @Override
    public void add(float[] predicted, float[] target) {
        if (predicted.length != target.length || target.length % (3 * pixels) != 0) {
            throw new IllegalArgumentException("predicted and target must both be N × 3 × H × W");
        }
        int n = target.length / (3 * pixels);
        for (int s = 0; s < n; s++) {
            int base = s * 3 * pixels;
            for (int p = 0; p < pixels; p++) {
                int i = base + p;
                double tx = target[i];
                double ty = target[i + pixels];
                double tz = target[i + 2 * pixels];
                double tn = Math.sqrt(tx * tx + ty * ty + tz * tz);
                if (!(tn > 0) || Double.isInfinite(tn)) {
                    continue;
                }
                double px = predicted[i];
                double py = predicted[i + pixels];
                double pz = predicted[i + 2 * pixels];
                double pn = Math.sqrt(px * px + py * py + pz * pz);
                double cos = pn > 0 ? (px * tx + py * ty + pz * tz) / (pn * tn) : 0.0;
                record(angle(cos));
            }
        }
    }

    /** The angle in degrees between unit vectors whose dot product is {@code cos}. */
    static double angle(double cos) {
        return Math.toDegrees(StrictMath.acos(Math.max(-1.0, Math.min(1.0, cos))));
    }

    private void record(double angle) {
        sum.add(angle);
        for (int k = 0; k < THRESHOLDS.length; k++) {
            if (angle < THRESHOLDS[k]) {
                within[k]++;
            }
        }
        int bin = Math.min(histogram.length - 1, (int) (angle * BINS_PER_DEGREE));
        histogram[bin]++;
        binSums[bin] += angle;
        valid++;
    }

    /** Mean angle error in degrees. */
    public double mean() {
        return sum.value() / requireValid();
    }

    /** Median angle error in degrees (average of the two middle values for an even count). */
    public double median() {
        long n = requireValid();
        return (n % 2 == 1)
                ? valueAtRank(n / 2)
                : (valueAtRank(n / 2 - 1) + valueAtRank(n / 2)) / 2.0;
    }

    private double valueAtRank(long rank) {
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen > rank) {
                return binSums[b] / histogram[b];
            }
        }
        throw new IllegalStateException("rank beyond the histogram");
    }

    /** Percentage of valid pixels whose angle is below {@code 11.25°}, {@code 22.5°} or {@code 30°}. */
    public double within(double threshold) {
        for (int k = 0; k < THRESHOLDS.length; k++) {
            if (THRESHOLDS[k] == threshold) {
                return 100.0 * within[k] / requireValid();
            }
        }
        throw new IllegalArgumentException("threshold must be 11.25, 22.5 or 30");
    }

    /** Number of valid pixels scored. */
    public long count() {
        return valid;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("mean", mean());
        values.put("median", median());
        values.put("within11", within(11.25));
        values.put("within22", within(22.5));
        values.put("within30", within(30.0));
        return values;
    }

    private long requireValid() {
        if (valid == 0) {
            throw new IllegalStateException("no valid normal pixels were scored");
        }
        return valid;
    }
}
