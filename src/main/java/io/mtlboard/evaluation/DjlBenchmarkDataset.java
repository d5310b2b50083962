package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.data.Sample;
import java.util.List;

/**
 * A benchmark split as a DJL {@link RandomAccessDataset}, for evaluation and training. Each record
 * holds the input normalized as the manifest says ({@code float32 C × H × W}) and one label per
 * task in task order: class indices as {@code int64} scalars, label maps as {@code int64 H × W}
 * (ignore label kept), depth as {@code float32 1 × H × W}, normals as {@code float32 3 × H × W}.
 * Batches stack them, so a batch is {@code N × C × H × W} plus one {@code N × …} label per task.
 *
 * <p>For evaluation keep the order ({@code setSampling(batch, false)}); for training shuffle with a
 * {@link SeededRandomSampler}, so that every epoch's order is reproducible.
 */
public final class DjlBenchmarkDataset extends RandomAccessDataset {

    private final BenchmarkDataset data;
    private final BenchmarkManifest manifest;
    private final InputNormalization normalization;

    private DjlBenchmarkDataset(Builder builder) {
        super(builder);
        this.data = builder.data;
        this.manifest = builder.manifest;
        this.normalization = new InputNormalization(manifest.input());
    }

    /** A builder for the split {@code data} of the benchmark {@code manifest}. */
    public static Builder builder(BenchmarkManifest manifest, BenchmarkDataset data) {
        return new Builder(manifest, data);
    }

    @Override
    public Record get(NDManager manager, long index) {
        Sample s = data.get(Math.toIntExact(index));
        List<Integer> in = manifest.input().shape();
        NDArray x =
                manager.create(
                        normalization.apply(s.input()), new Shape(in.get(0), in.get(1), in.get(2)));
        NDList labels = new NDList();
        for (int t = 0; t < manifest.tasks().size(); t++) {
            labels.add(label(manager, manifest.tasks().get(t), s.targets().get(t)));
        }
        return new Record(new NDList(x), labels);
    }

    private static NDArray label(
            NDManager manager, BenchmarkManifest.TaskSpec task, float[] target) {
        List<Integer> out = task.output().shape();
        return switch (task.kind()) {
            case "classification" -> manager.create((long) target[0]);
            case "segmentation" ->
                    manager.create(toLongs(target), new Shape(out.get(1), out.get(2)));
            default ->
                    manager.create(
                            target,
                            new Shape(out.stream().mapToLong(Integer::longValue).toArray()));
        };
    }

    private static long[] toLongs(float[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (long) v[i];
        }
        return out;
    }

    @Override
    protected long availableSize() {
        return data.size();
    }

    @Override
    public void prepare(Progress progress) {
        // nothing to download: the split was opened (and a generated one verified) before building
    }

    /** Builder: sampling (batch size, order), limit and prefetch come from DJL's base builder. */
    public static final class Builder extends BaseBuilder<Builder> {

        private final BenchmarkManifest manifest;
        private final BenchmarkDataset data;

        private Builder(BenchmarkManifest manifest, BenchmarkDataset data) {
            this.manifest = manifest;
            this.data = data;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public DjlBenchmarkDataset build() {
            return new DjlBenchmarkDataset(this);
        }
    }
}
