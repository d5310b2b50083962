package io.mtlboard.evaluation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test application with its in-process evaluation worker running, and short limits. */
public class WorkerEnabledProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mtlboard.worker.enabled", "true",
                "mtlboard.worker.timeout", "PT40S",
                "mtlboard.worker.memory-bytes", Long.toString(3L << 30),
                "mtlboard.worker.heap-bytes", Long.toString(512L << 20),
                "mtlboard.worker.lease", "PT15S",
                "mtlboard.worker.heartbeat", "PT2S",
                "mtlboard.data-dir", "target/test-data-worker");
    }
}
