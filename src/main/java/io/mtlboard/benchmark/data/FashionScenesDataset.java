package io.mtlboard.benchmark.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A FashionScenes split: either read from the four cached NPY arrays (the test split) or rendered
 * on the fly, sample by sample (training scenes). Each task takes one of the ground truths by name:
 * {@code segmentation}, {@code depth} or {@code normals}.
 */
final class FashionScenesDataset implements BenchmarkDataset {

    private static final int PX = FashionScenes.SIZE * FashionScenes.SIZE;

    private final int samples;
    private final IntFunction<Sample> source;

    private FashionScenesDataset(int samples, IntFunction<Sample> source) {
        this.samples = samples;
        this.source = source;
    }

    /** Renders sample {@code i} when asked. */
    static FashionScenesDataset rendered(
            FashionMnist items, long seed, int samples, List<String> targets) {
        return new FashionScenesDataset(
                samples,
                i -> {
                    FashionScenes.Scene s = FashionScenes.render(items, seed, i);
                    float[] input = new float[3 * PX];
                    for (int p = 0; p < input.length; p++) {
                        input[p] = s.image()[p] & 0xFF;
                    }
                    float[] labels = new float[PX];
                    for (int p = 0; p < PX; p++) {
                        labels[p] = s.labels()[p] & 0xFF;
                    }
                    List<float[]> out = new ArrayList<>();
                    for (String t : targets) {
                        out.add(
                                switch (t) {
                                    case "segmentation" -> labels;
                                    case "depth" -> s.depth();
                                    case "normals" -> s.normals();
                                    default ->
                                            throw new IllegalArgumentException(
                                                    "FashionScenes has no ground truth '"
                                                            + t
                                                            + "'");
                                });
                    }
                    return new Sample(input, out);
                });
    }

    /** Reads the arrays written by {@link FashionScenesFiles} in {@code dir}. */
    static FashionScenesDataset cached(Path dir, int samples, List<String> targets)
            throws IOException {
        NumericArray images = NpyFiles.read(dir.resolve(FashionScenesFiles.IMAGES));
        List<NumericArray> arrays = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String t : targets) {
            switch (t) {
                case "segmentation" ->
                        arrays.add(NpyFiles.read(dir.resolve(FashionScenesFiles.SEGMENTATION)));
                case "depth" -> arrays.add(NpyFiles.read(dir.resolve(FashionScenesFiles.DEPTH)));
                case "normals" ->
                        arrays.add(NpyFiles.read(dir.resolve(FashionScenesFiles.NORMALS)));
                default ->
                        throw new IllegalArgumentException(
                                "FashionScenes has no ground truth '" + t + "'");
            }
            sizes.add(t.equals("normals") ? 3 * PX : PX);
        }
        if (images.shape()[0] != samples) {
            throw new IOException(dir + ": " + images.shape()[0] + " scenes, expected " + samples);
        }
        return new FashionScenesDataset(
                samples,
                i -> {
                    List<float[]> out = new ArrayList<>();
                    for (int k = 0; k < arrays.size(); k++) {
                        out.add(arrays.get(k).toFloats((long) i * sizes.get(k), sizes.get(k)));
                    }
                    return new Sample(images.toFloats((long) i * 3 * PX, 3 * PX), out);
                });
    }

    @Override
    public int size() {
        return samples;
    }

    @Override
    public Sample get(int index) {
        if (index < 0 || index >= samples) {
            throw new IndexOutOfBoundsException(index);
        }
        return source.apply(index);
    }
}
