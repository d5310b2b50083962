package io.mtlboard.evaluation;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;

/** The bundled benchmarks of {@code benchmarks-data/} as the evaluation tests open them. */
final class BundledData {

    private static final Path DATA = Path.of("benchmarks-data");

    private BundledData() {}

    /** The manifest of a bundled benchmark, e.g. {@code multifashion}. */
    static BenchmarkManifest manifest(String benchmark) throws IOException {
        return BenchmarkManifestReader.read(DATA.resolve(benchmark).resolve("benchmark.json"));
    }

    /** A split of a bundled benchmark; generated splits are cached under {@code cache}. */
    static BenchmarkDataset split(BenchmarkManifest manifest, String split, Path cache)
            throws IOException {
        return BenchmarkData.open(
                manifest,
                split,
                new DataLocations(DATA, Path.of(FashionMnist.DEBIAN_DIR), cache, cache));
    }

    /** A split that ships in the repository (nothing is generated). */
    static BenchmarkDataset shipped(BenchmarkManifest manifest, String split) throws IOException {
        return split(manifest, split, Path.of("target/unused"));
    }
}
