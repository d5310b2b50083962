package io.mtlboard.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the in-process evaluation worker: DOWN when its poll loop has not run for a minute
 * (a wedged scheduler), so that an orchestrator restarts the process; UP when it runs or when this
 * process does not evaluate.
 */
@Liveness
@ApplicationScoped
public class WorkerLiveness implements HealthCheck {

    static final long STALE_MILLIS = 60_000;

    private final EvaluationWorker worker;

    public WorkerLiveness(EvaluationWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        if (!worker.active()) {
            return HealthCheckResponse.named("evaluation-worker")
                    .up()
                    .withData("active", false)
                    .build();
        }
        long last = worker.lastPoll();
        long age = last == 0 ? 0 : System.currentTimeMillis() - last;
        return HealthCheckResponse.named("evaluation-worker")
                .status(age < STALE_MILLIS)
                .withData("active", true)
                .withData("worker", worker.id())
                .withData("lastPollMillisAgo", age)
                .build();
    }
}
