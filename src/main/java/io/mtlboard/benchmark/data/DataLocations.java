package io.mtlboard.benchmark.data;

import java.nio.file.Path;

/**
 * Where benchmark data is found and kept.
 *
 * @param benchmarksDir {@code benchmarks-data/}: manifests, shipped splits and item banks
 * @param fashionMnistDir the original Fashion-MNIST IDX files (Debian: {@value FashionMnist#DEBIAN_DIR})
 * @param externalDir data of external benchmarks, one directory per benchmark id
 * @param cacheDir generated splits (e.g. the FashionScenes test split), one directory per benchmark id
 */
public record DataLocations(Path benchmarksDir, Path fashionMnistDir, Path externalDir, Path cacheDir) {
}
