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

    /** Leaderboard settings. */
    Leaderboard leaderboard();

    /** Submission settings. */
    Submission submission();

    /** Leaderboard settings. */
    interface Leaderboard {

        /** Rows per page when the request does not say. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page a client may ask for. */
        @WithDefault("1000")
        int maxPageSize();
    }

    /** Submission settings. */
    interface Submission {

        /** An admin token accepted from configuration (stored hashed at start-up); none when empty. */
        java.util.Optional<String> adminToken();

        /** Largest accepted model artifact in bytes. */
        @WithDefault("104857600")
        long maxModelBytes();

        /** Largest accepted manifest in bytes. */
        @WithDefault("1048576")
        long maxManifestBytes();

        /** Default runs per rolling 24 hours of a new token. */
        @WithDefault("50")
        int defaultRunsPerDay();

        /** Default number of a new token's runs that may wait for or be in evaluation at once. */
        @WithDefault("5")
        int defaultMaxConcurrent();
    }
}
