package io.mtlboard.worker;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The test application with its in-process evaluation worker running, short limits (40 s to
 * the verdict, so that a hanging model is rejected soon), and
 * robustness measured under one corruption (5 corrupted passes instead of 40, each still over the
 * whole test split) to keep the end-to-end test short.
 */
public class WorkerEnabledProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mtlboard.worker.enabled", "true",
                "mtlboard.worker.timeout", "PT40S",
                // the good model's diagnostics outlast 40 s when other processes hold the cores
                "mtlboard.worker.diagnostics-timeout", "PT5M",
                "mtlboard.worker.memory-bytes", Long.toString(3L << 30),
                "mtlboard.worker.heap-bytes", Long.toString(512L << 20),
                "mtlboard.worker.lease", "PT15S",
                "mtlboard.worker.heartbeat", "PT2S",
                "mtlboard.worker.robustness-corruptions", "gaussian_noise",
                "mtlboard.data-dir", "target/test-data-worker");
    }
}
