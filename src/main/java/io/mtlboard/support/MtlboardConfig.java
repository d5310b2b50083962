package io.mtlboard.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed configuration of MTLBoard (prefix {@code mtlboard}). Paths are resolved against the
 * working directory of the process.
 */
@ConfigMapping(prefix = "mtlboard")
public interface MtlboardConfig {

    /** Directory holding the H2 database, artifacts and other runtime state. */
    @WithDefault("./data")
    String dataDir();

    /** Directory with benchmark manifests, the backbone and method registries and literature CSVs. */
    @WithDefault("benchmarks-data")
    String benchmarksDir();

    /** Where benchmark data is found besides {@code benchmarks-data/}. */
    Datasets datasets();

    /** Where benchmark data is found besides {@code benchmarks-data/}. */
    interface Datasets {

        /** The original Fashion-MNIST IDX files; only the full MultiFashion training split needs them. */
        @WithDefault("/usr/share/datasets/fashion-mnist")
        String fashionMnistDir();

        /** Data of external benchmarks (NYUv2, Cityscapes, …), one directory per id; default {@code <data-dir>/external}. */
        java.util.Optional<String> externalDir();
    }

    /** Leaderboard settings. */
    Leaderboard leaderboard();

    /** Leaderboard settings. */
    interface Leaderboard {

        /** Rows per page when the request does not say. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page a client may ask for. */
        @WithDefault("1000")
        int maxPageSize();
    }
}
