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
        if (raw.length != mean.length * plane) {
            throw new IllegalArgumentException(
                    "expected " + mean.length * plane + " values, got " + raw.length);
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int c = i / plane;
            out[i] = (raw[i] * scale - mean[c]) / std[c];
        }
        return out;
    }
}
