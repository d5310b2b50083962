package io.mtlboard.benchmark.data;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifest.FileRef;
import io.mtlboard.benchmark.BenchmarkManifest.Split;
import io.mtlboard.support.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a split of a benchmark as its manifest describes it: shipped IDX files (checksums
 * verified), a MultiFashion split composed from Fashion-MNIST, FashionScenes (the test split
 * generated at first use into the cache and verified against the manifest's SHA-256, training
 * scenes rendered on the fly), or an external per-sample NPY directory.
 *
 * <p>Generators take their items from the manifest's {@code data.sources} when it lists files
 * named {@code <source>-images} and {@code <source>-labels} (the item banks shipped in
 * {@code benchmarks-data/fashion-mnist/}), otherwise from the original Fashion-MNIST files in
 * {@link DataLocations#fashionMnistDir()}.
 */
public final class BenchmarkData {

    private static final Object CACHE_LOCK = new Object();

    private BenchmarkData() {}

    /**
     * Opens split {@code splitName} of benchmark {@code m}.
     *
     * @throws IOException when the data is missing, a checksum differs or a file is malformed
     * @throws IllegalArgumentException when the benchmark has no such split or no data reader
     */
    public static BenchmarkDataset open(BenchmarkManifest m, String splitName, DataLocations loc)
            throws IOException {
        Split split =
                m.split(splitName)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "benchmark "
                                                        + m.id()
                                                        + " has no split '"
                                                        + splitName
                                                        + "'"));
        return switch (m.data().layout()) {
            case "idx" ->
                    split.storage().equals("shipped")
                            ? new IdxDataset(m, split, loc.benchmarksDir().resolve(m.id()))
                            : new MultiFashionDataset(
                                    items(m, split.generator().source(), loc),
                                    split.generator().seed(),
                                    split.samples(),
                                    m.tasks().stream().mapToInt(t -> t.target().index()).toArray());
            case "fashion-scenes" -> fashionScenes(m, split, loc);
            case "npy-per-sample" ->
                    new NpySampleDataset(
                            m, loc.externalDir().resolve(m.id()).resolve(split.directory()));
            default ->
                    throw new IllegalArgumentException(
                            "benchmark " + m.id() + " has no data MTLBoard can read");
        };
    }

    private static BenchmarkDataset fashionScenes(
            BenchmarkManifest m, Split split, DataLocations loc) throws IOException {
        List<String> targets = m.tasks().stream().map(t -> t.target().from()).toList();
        FashionMnist items = items(m, split.generator().source(), loc);
        if (split.files() == null || split.files().isEmpty()) {
            return FashionScenesDataset.rendered(
                    items, split.generator().seed(), split.samples(), targets);
        }
        Path dir =
                loc.cacheDir()
                        .resolve(m.id())
                        .resolve(split.name() + "-seed" + split.generator().seed());
        synchronized (CACHE_LOCK) {
            if (!verified(dir, split.files())) {
                generate(items, split, dir);
            }
        }
        return FashionScenesDataset.cached(dir, split.samples(), targets);
    }

    /** Renders the split into a fresh directory, checks it against the manifest and moves it in place. */
    private static void generate(FashionMnist items, Split split, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
        try {
            FashionScenesFiles.write(items, split.generator().seed(), split.samples(), tmp);
            for (FileRef f : split.files()) {
                Sha256.verify(tmp.resolve(f.path()), f.sha256());
            }
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    private static boolean verified(Path dir, List<FileRef> files) throws IOException {
        for (FileRef f : files) {
            Path p = dir.resolve(f.path());
            if (!Files.isRegularFile(p) || !Sha256.of(p).equals(f.sha256())) {
                return false;
            }
        }
        return true;
    }

    /** The items a generator composes (see the class comment). */
    static FashionMnist items(BenchmarkManifest m, String source, DataLocations loc)
            throws IOException {
        List<FileRef> sources = m.data().sources() == null ? List.of() : m.data().sources();
        FileRef images =
                sources.stream()
                        .filter(f -> f.content().equals(source + "-images"))
                        .findFirst()
                        .orElse(null);
        FileRef labels =
                sources.stream()
                        .filter(f -> f.content().equals(source + "-labels"))
                        .findFirst()
                        .orElse(null);
        if (images != null && labels != null) {
            Path imagePath = loc.benchmarksDir().resolve(images.path());
            Path labelPath = loc.benchmarksDir().resolve(labels.path());
            Sha256.verify(imagePath, images.sha256());
            Sha256.verify(labelPath, labels.sha256());
            return FashionMnist.load(imagePath, labelPath);
        }
        return switch (source) {
            case "fashion-mnist-train" ->
                    FashionMnist.load(loc.fashionMnistDir(), FashionMnist.Part.TRAIN);
            case "fashion-mnist-test" ->
                    FashionMnist.load(loc.fashionMnistDir(), FashionMnist.Part.TEST);
            default -> throw new IllegalArgumentException("unknown item source '" + source + "'");
        };
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
