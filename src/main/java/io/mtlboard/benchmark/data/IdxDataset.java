package io.mtlboard.benchmark.data;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.support.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shipped split in IDX files (layout {@code idx}): the input array {@code N × H × W} or
 * {@code N × C × H × W} and target arrays {@code N} or {@code N × K} (a task takes column
 * {@code target.index}). Shards with the same content are joined in order; every file's SHA-256 is
 * checked when the split is opened.
 */
final class IdxDataset implements BenchmarkDataset {

    private final NumericArray inputs;
    private final int inputSize;
    private final List<NumericArray> targetArrays = new ArrayList<>();
    private final List<Integer> targetColumns = new ArrayList<>();

    IdxDataset(BenchmarkManifest manifest, BenchmarkManifest.Split split, Path dir)
            throws IOException {
        Map<String, NumericArray> byContent = new HashMap<>();
        for (BenchmarkManifest.FileRef f : split.files()) {
            Sha256.verify(dir.resolve(f.path()), f.sha256());
        }
        for (BenchmarkManifest.FileRef f : split.files()) {
            if (!byContent.containsKey(f.content())) {
                byContent.put(
                        f.content(),
                        IdxFiles.readShards(
                                split.files(f.content()).stream()
                                        .map(x -> dir.resolve(x.path()))
                                        .toList()));
            }
        }
        inputs = byContent.get(manifest.data().inputSource());
        BenchmarkManifest.InputSpec in = manifest.input();
        inputSize = in.channels() * in.height() * in.width();
        if (inputs.size() != (long) split.samples() * inputSize) {
            throw new IOException(
                    manifest.id()
                            + "/"
                            + split.name()
                            + ": expected "
                            + split.samples()
                            + " inputs of "
                            + in.shape()
                            + ", found "
                            + Arrays.toString(inputs.shape()));
        }
        for (BenchmarkManifest.TaskSpec t : manifest.tasks()) {
            NumericArray a = byContent.get(t.target().from());
            if (a.shape()[0] != split.samples()) {
                throw new IOException(
                        manifest.id()
                                + "/"
                                + split.name()
                                + ": "
                                + t.target().from()
                                + " has "
                                + a.shape()[0]
                                + " rows, expected "
                                + split.samples());
            }
            targetArrays.add(a);
            targetColumns.add(t.target().index() == null ? 0 : t.target().index());
        }
    }

    @Override
    public int size() {
        return inputs.shape()[0];
    }

    @Override
    public Sample get(int index) {
        float[] input = inputs.toFloats((long) index * inputSize, inputSize);
        List<float[]> targets = new ArrayList<>(targetArrays.size());
        for (int t = 0; t < targetArrays.size(); t++) {
            NumericArray a = targetArrays.get(t);
            int width = (int) (a.size() / a.shape()[0]);
            targets.add(new float[] {a.getFloat((long) index * width + targetColumns.get(t))});
        }
        return new Sample(input, targets);
    }
}
