package io.mtlboard.benchmark.data;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * An external split in the per-sample NPY layout of LibMTL's preprocessed NYUv2 and Cityscapes:
 * {@code <root>/<split dir>/<inputFrom>/<i>.npy} for the input and
 * {@code <root>/<split dir>/<target.from>/<i>.npy} per task, {@code i = 0 … n−1}. With
 * {@code channelsLast} the arrays are stored {@code H × W × C} (LibMTL's image, depth and normal
 * files) and are moved to {@code C × H × W}; 2-D label maps are taken as they are. A task with
 * {@code target.index} takes that element of a per-sample vector (e.g. CelebA's 40 attributes).
 */
final class NpySampleDataset implements BenchmarkDataset {

    private final Path dir;
    private final BenchmarkManifest manifest;
    private final int samples;

    NpySampleDataset(BenchmarkManifest manifest, Path dir) throws IOException {
        this.manifest = manifest;
        this.dir = dir;
        Path inputs = dir.resolve(manifest.data().inputSource());
        if (!Files.isDirectory(inputs)) {
            throw new IOException(
                    "no data for "
                            + manifest.id()
                            + " in "
                            + dir.toAbsolutePath()
                            + " (expected "
                            + inputs.getFileName()
                            + "/0.npy …); see benchmarks-data/README.md");
        }
        try (Stream<Path> files = Files.list(inputs)) {
            this.samples =
                    (int)
                            files.filter(f -> f.getFileName().toString().matches("\\d+\\.npy"))
                                    .count();
        }
    }

    @Override
    public int size() {
        return samples;
    }

    @Override
    public Sample get(int index) {
        try {
            BenchmarkManifest.InputSpec in = manifest.input();
            float[] input = chw(read(manifest.data().inputSource(), index), in.channels());
            List<float[]> targets = new ArrayList<>();
            for (BenchmarkManifest.TaskSpec t : manifest.tasks()) {
                NumericArray a = read(t.target().from(), index);
                if (t.target().index() != null) {
                    targets.add(new float[] {a.getFloat(t.target().index())});
                } else if (t.kind().equals("segmentation")) {
                    targets.add(a.toFloats());
                } else {
                    targets.add(chw(a, t.output().shape().get(0)));
                }
            }
            return new Sample(input, targets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NumericArray read(String from, int index) throws IOException {
        return NpyFiles.read(dir.resolve(from).resolve(index + ".npy"));
    }

    /** The array as {@code C × H × W} floats, moving the channel axis when stored last. */
    private float[] chw(NumericArray a, int channels) {
        float[] v = a.toFloats();
        int[] shape = a.shape();
        boolean last = Boolean.TRUE.equals(manifest.data().channelsLast());
        if (!last || channels == 1 && shape.length == 2) {
            return v;
        }
        if (shape.length != 3 || shape[2] != channels) {
            throw new IllegalStateException(
                    "expected H × W × " + channels + ", found " + Arrays.toString(shape));
        }
        int pixels = shape[0] * shape[1];
        float[] out = new float[v.length];
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                out[c * pixels + p] = v[p * channels + c];
            }
        }
        return out;
    }
}
