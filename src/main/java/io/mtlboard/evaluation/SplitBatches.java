package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.data.Sample;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive samples of a split as model inputs (normalized as the manifest says) and targets.
 * Each sample is read once per batch: reading may be costly (a corrupted split corrupts the input
 * when it is read).
 */
final class SplitBatches {

    private final BenchmarkManifest manifest;
    private final BenchmarkDataset data;
    private final InputNormalization normalization;

    SplitBatches(BenchmarkManifest manifest, BenchmarkDataset data) {
        this.manifest = manifest;
        this.data = data;
        this.normalization = new InputNormalization(manifest.input());
    }

    /** Samples {@code [from, from + n)}. */
    List<Sample> read(int from, int n) {
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(data.get(from + i));
        }
        return samples;
    }

    /** The normalized input batch {@code n × C × H × W} of samples {@code [from, from + n)}. */
    NDArray input(NDManager manager, int from, int n) {
        return input(manager, read(from, n));
    }

    /**
     * The normalized input batch of {@code samples}, written straight into the native-order direct
     * buffer the engine's tensor is created on (no further copy).
     */
    NDArray input(NDManager manager, List<Sample> samples) {
        BenchmarkManifest.InputSpec spec = manifest.input();
        int size = spec.channels() * spec.height() * spec.width();
        ByteBuffer buffer = manager.allocateDirect(samples.size() * size * Float.BYTES);
        FloatBuffer x = buffer.asFloatBuffer();
        float[] row = new float[size];
        for (Sample s : samples) {
            normalization.apply(s.input(), row);
            x.put(row);
        }
        return manager.create(
                buffer,
                new Shape(samples.size(), spec.channels(), spec.height(), spec.width()),
                DataType.FLOAT32);
    }

    /** Task {@code task}'s targets of {@code samples}, concatenated, as the task's scorer takes them. */
    static float[] targets(List<Sample> samples, int task) {
        int length = samples.get(0).targets().get(task).length;
        float[] all = new float[length * samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).targets().get(task), 0, all, i * length, length);
        }
        return all;
    }

    /** Task {@code task}'s targets of {@code samples}, one array per sample, as {@link TaskLoss#target} takes them. */
    static List<float[]> perSample(List<Sample> samples, int task) {
        List<float[]> out = new ArrayList<>(samples.size());
        samples.forEach(s -> out.add(s.targets().get(task)));
        return out;
    }
}
