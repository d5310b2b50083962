package io.mtlboard.benchmark.data;

import io.mtlboard.benchmark.BenchmarkManifest;

/**
 * The manifest's input normalization, {@code x = (raw · scale − mean[c]) / std[c]}: what turns a
 * stored sample into what a model receives.
 */
public final class InputNormalization {

    private final float scale;
    private final float[] mean;
    private final float[] std;
    private final int plane;

    public InputNormalization(BenchmarkManifest.InputSpec spec) {
        this.scale = (float) spec.normalization().scale();
        this.mean =
                toFloats(
                        spec.normalization().mean().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
        this.std =
                toFloats(
                        spec.normalization().std().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
        this.plane = spec.height() * spec.width();
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** The normalized copy of a raw {@code C × H × W} sample. */
    public float[] apply(float[] raw) {
        float[] out = new float[raw.length];
        apply(raw, out);
        return out;
    }

    /**
     * Normalizes a raw {@code C × H × W} sample into {@code out} (at least as long), without
     * allocating: the batch loops reuse one row.
     */
    public void apply(float[] raw, float[] out) {
        if (raw.length != mean.length * plane) {
            throw new IllegalArgumentException(
                    "expected " + mean.length * plane + " values, got " + raw.length);
        }
        for (int c = 0, i = 0; c < mean.length; c++) {
            float m = mean[c];
            float s = std[c];
            for (int end = i + plane; i < end; i++) {
                out[i] = (raw[i] * scale - m) / s;
            }
        }
    }
}
