package io.mtlboard.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming semantic-segmentation scores (METRICS.md §1): one K×K confusion matrix accumulated
 * over every valid pixel of the split (pixels labelled with the ignore value are skipped), then
 * {@code IoU_c = TP_c / (TP_c + FP_c + FN_c)}, mIoU = mean IoU over classes whose union is
 * non-zero, pixel accuracy = correct valid pixels / valid pixels, both in percent.
 */
public final class SegmentationScores implements TaskScorer {

    private final int classes;
    private final int ignoreLabel;
    private final int pixels;

    /** confusion[target * classes + predicted] */
    private final long[] confusion;

    /**
     * @param classes number of classes K (channels of the logits)
     * @param ignoreLabel target value of pixels to skip (e.g. −1)
     * @param height label-map height
     * @param width label-map width
     */
    public SegmentationScores(int classes, int ignoreLabel, int height, int width) {
        if (classes < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("classes, height and width must be positive");
        }
        if (ignoreLabel >= 0 && ignoreLabel < classes) {
            throw new IllegalArgumentException("the ignore label " + ignoreLabel + " is a class");
        }
        this.classes = classes;
        this.ignoreLabel = ignoreLabel;
        this.pixels = height * width;
        this.confusion = new long[classes * classes];
    }

    /** Adds predicted and true label maps of the same length ({@code N × H × W}). */
    public void add(int[] predicted, int[] targets) {
        if (predicted.length != targets.length) {
            throw new IllegalArgumentException("predicted and target maps differ in length");
        }
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            if (t == ignoreLabel) {
                continue;
            }
            checkClass(t, "target");
            checkClass(predicted[i], "predicted");
            confusion[t * classes + predicted[i]]++;
        }
    }

    /** Adds logits {@code N × K × H × W}; the predicted class of a pixel is its arg-max channel. */
    public void addLogits(float[] logits, int[] targets) {
        if (targets.length % pixels != 0 || logits.length != (long) targets.length * classes) {
            throw new IllegalArgumentException(
                    "logits must be N × " + classes + " × H × W for N target maps");
        }
        int n = targets.length / pixels;
        int[] predicted = new int[targets.length];
        for (int s = 0; s < n; s++) {
            int base = s * classes * pixels;
            for (int p = 0; p < pixels; p++) {
                predicted[s * pixels + p] = ArgMax.of(logits, base + p, pixels, classes);
            }
        }
        add(predicted, targets);
    }

    @Override
    public void add(float[] output, float[] target) {
        addLogits(output, Targets.classIndices(target));
    }

    /** Mean IoU in percent over classes present in the targets or the predictions. */
    public double meanIoU() {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            long tp = confusion[c * classes + c];
            long union = rowSum(c) + columnSum(c) - tp;
            if (union > 0) {
                sum += (double) tp / union;
                counted++;
            }
        }
        if (counted == 0) {
            throw new IllegalStateException("no valid pixels were scored");
        }
        return 100.0 * sum / counted;
    }

    /** Pixel accuracy in percent over valid pixels. */
    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c * classes + c];
            total += rowSum(c);
        }
        if (total == 0) {
            throw new IllegalStateException("no valid pixels were scored");
        }
        return 100.0 * correct / total;
    }

    /** A copy of the confusion matrix, {@code [target][predicted]}. */
    public long[][] confusionMatrix() {
        long[][] m = new long[classes][classes];
        for (int t = 0; t < classes; t++) {
            System.arraycopy(confusion, t * classes, m[t], 0, classes);
        }
        return m;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("mIoU", meanIoU());
        values.put("pixAcc", pixelAccuracy());
        return values;
    }

    private long rowSum(int c) {
        long s = 0;
        for (int p = 0; p < classes; p++) {
            s += confusion[c * classes + p];
        }
        return s;
    }

    private long columnSum(int c) {
        long s = 0;
        for (int t = 0; t < classes; t++) {
            s += confusion[t * classes + c];
        }
        return s;
    }

    private void checkClass(int label, String what) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(
                    what + " label " + label + " outside [0, " + classes + ")");
        }
    }
}
