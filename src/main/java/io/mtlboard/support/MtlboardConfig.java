package io.mtlboard.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
        Optional<String> externalDir();
    }

    /** Whether the reference run bundles under {@code <benchmarks-dir>/reference} are imported at start-up. */
    @WithDefault("true")
    boolean importReferenceRuns();

    /** Leaderboard settings. */
    Leaderboard leaderboard();

    /** Submission settings. */
    Submission submission();

    /** Evaluation worker settings. */
    Worker worker();

    /**
     * What this process does: {@code all} (portal and in-process worker, the embedded default),
     * {@code portal} (pages and API, no evaluations) or {@code worker} (evaluations only; serves
     * nothing but health and metrics).
     */
    @WithDefault("all")
    Role role();

    /** The roles of the one MTLBoard jar. */
    enum Role {
        ALL,
        PORTAL,
        WORKER;

        /** Whether this process serves the pages and the API. */
        public boolean servesPortal() {
            return this != WORKER;
        }

        /** Whether this process evaluates queued runs. */
        public boolean evaluates() {
            return this != PORTAL;
        }
    }

    /** Leaderboard settings. */
    interface Leaderboard {

        /** Rows per page when the request does not say. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page a client may ask for. */
        @WithDefault("1000")
        int maxPageSize();

        /**
         * Whether each board's run facts are kept in {@code <data-dir>/boards/} so that the first
         * request after a start reads one file and the runs changed since, not every run.
         */
        @WithDefault("true")
        boolean snapshots();
    }

    /** Submission settings. */
    interface Submission {

        /** An admin token accepted from configuration (stored hashed at start-up); none when empty. */
        Optional<String> adminToken();

        /** Largest accepted model artifact in bytes. */
        @WithDefault("104857600")
        long maxModelBytes();

        /** Largest request body (declared Content-Length) accepted before reading it. */
        @WithDefault("134217728")
        long maxRequestBytes();

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

    /** Evaluation worker settings. */
    interface Worker {

        /** Whether this process evaluates queued runs. */
        @WithDefault("true")
        boolean enabled();

        /** Evaluations run at the same time by this process. */
        @WithDefault("1")
        int threads();

        /** Inference device: auto (GPU when DJL reports one), cpu or gpu. */
        @WithDefault("auto")
        String device();

        /**
         * Wall-clock limit of one evaluation up to its verdict (model loaded, clean test split
         * scored); a model exceeding it is rejected.
         */
        @WithDefault("PT15M")
        Duration timeout();

        /**
         * Wall-clock limit of the diagnostics that follow the verdict (corrupted test splits, FD),
         * counted from the verdict; when it is exceeded the verdict stands and the diagnostics
         * measured so far are kept.
         */
        @WithDefault("PT30M")
        Duration diagnosticsTimeout();

        /** Java heap of the evaluation process. */
        @WithDefault("1073741824")
        long heapBytes();

        /** Resident memory cap of the evaluation process (Java heap plus native memory). */
        @WithDefault("6442450944")
        long memoryBytes();

        /** Lease of a claimed job; renewed by heartbeats. */
        @WithDefault("PT60S")
        Duration lease();

        /**
         * How often the leftover sweep runs after start-up (a duration, or {@code off} for start-up
         * only); every lease when not set.
         */
        Optional<String> sweepEvery();

        /** Heartbeat interval; well below the lease. */
        @WithDefault("PT10S")
        Duration heartbeat();

        /** Infrastructure failures of one run retried before it is marked failed. */
        @WithDefault("3")
        int maxInfraRetries();

        /**
         * Whether each evaluation also scores the 40 corrupted copies of the whole test split (8
         * corruptions × severities 1–5, METRICS.md §7) after the verdict, for the robustness analysis.
         * About 40 times the clean scoring time; the verdict never depends on it.
         */
        @WithDefault("true")
        boolean robustness();

        /**
         * The corruptions of the robustness passes, by id (e.g. {@code gaussian_noise,contrast}); all
         * eight when not set. Fewer save time: the robustness analysis compares runs on the
         * conditions measured for both.
         */
        Optional<List<String>> robustnessCorruptions();

        /** Identifier of this worker in leases and logs; defaults to host and process id. */
        Optional<String> id();
    }
}
