package io.mtlboard.benchmark.data;

import io.mtlboard.support.MtlboardConfig;
import java.nio.file.Path;

/**
 * Where benchmark data is found and kept.
 *
 * @param benchmarksDir {@code benchmarks-data/}: manifests, shipped splits and item banks
 * @param fashionMnistDir the original Fashion-MNIST IDX files (Debian: {@value FashionMnist#DEBIAN_DIR})
 * @param externalDir data of external benchmarks, one directory per benchmark id
 * @param cacheDir generated splits (e.g. the FashionScenes test split), one directory per benchmark id
 */
public record DataLocations(
        Path benchmarksDir, Path fashionMnistDir, Path externalDir, Path cacheDir) {

    /**
     * The locations the configuration names: {@code mtlboard.benchmarks-dir},
     * {@code mtlboard.datasets.fashion-mnist-dir}, {@code mtlboard.datasets.external-dir} (default
     * {@code <data-dir>/external}) and {@code <data-dir>/cache} for generated splits.
     */
    public static DataLocations of(MtlboardConfig config) {
        Path data = Path.of(config.dataDir());
        return new DataLocations(
                Path.of(config.benchmarksDir()),
                Path.of(config.datasets().fashionMnistDir()),
                config.datasets().externalDir().map(Path::of).orElse(data.resolve("external")),
                data.resolve("cache"));
    }
}
