package io.mtlboard.benchmark.corruption;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.benchmark.data.SplitMix64;

/**
 * A benchmark split with one corruption at one severity applied to every input (METRICS.md §7);
 * targets are unchanged. Works for any benchmark whose raw inputs times the manifest's
 * normalization scale lie in [0, 1] (8-bit images with scale 1/255, or images stored in [0, 1]).
 * Sample {@code i} is corrupted with a seed drawn from (seed, i), so it is the same whichever order
 * or batch it is read in.
 */
public final class CorruptedDataset implements BenchmarkDataset {

    /**
     * The seed of every corrupted split the evaluation worker measures. It is fixed so that the
     * corrupted metrics of all runs are measured on the same corrupted images and can be compared;
     * changing it would make new measurements incomparable with recorded ones.
     */
    public static final long EVALUATION_SEED = 7411L;

    private final BenchmarkDataset clean;
    private final Corruption corruption;
    private final int severity;
    private final long seed;
    private final BenchmarkManifest.InputSpec input;

    public CorruptedDataset(
            BenchmarkDataset clean,
            BenchmarkManifest.InputSpec input,
            Corruption corruption,
            int severity,
            long seed) {
        this.clean = clean;
        this.input = input;
        this.corruption = corruption;
        this.severity = severity;
        this.seed = seed;
    }

    @Override
    public int size() {
        return clean.size();
    }

    @Override
    public Sample get(int index) {
        Sample s = clean.get(index);
        double scale = input.normalization().scale();
        float[] unit = new float[s.input().length];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = (float) (s.input()[i] * scale);
        }
        float[] corrupted =
                corruption.apply(
                        unit,
                        input.channels(),
                        input.height(),
                        input.width(),
                        severity,
                        SplitMix64.forSample(seed, index).nextLong());
        boolean bytes = "uint8".equals(input.storage());
        float[] raw = new float[corrupted.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) (bytes ? Math.rint(corrupted[i] / scale) : corrupted[i] / scale);
        }
        return new Sample(raw, s.targets());
    }
}
