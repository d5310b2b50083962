package io.mtlboard.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the evaluation queue and worker: queue depth and running jobs (refreshed
 * from the database every five seconds, so that every replica reports the shared queue),
 * evaluation outcomes and durations by verdict, and lease expiries.
 */
@ApplicationScoped
public class EvaluationMetrics {

    private final MeterRegistry registry;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final Counter leaseExpiries;

    public EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("mtlboard.queue.depth", queued);
        registry.gauge("mtlboard.jobs.running", running);
        this.leaseExpiries =
                Counter.builder("mtlboard.lease.expiries")
                        .description("claims of jobs whose previous lease had expired")
                        .register(registry);
    }

    @Scheduled(
            every = "5s",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        queued.set(EvaluationJob.count("state", EvaluationJob.State.QUEUED));
        running.set(EvaluationJob.count("state", EvaluationJob.State.RUNNING));
    }

    /** Counts a finished evaluation and its wall time. */
    public void finished(String verdict, Duration duration) {
        registry.counter("mtlboard.evaluations", "verdict", verdict).increment();
        Timer.builder("mtlboard.evaluation.duration")
                .tag("verdict", verdict)
                .register(registry)
                .record(duration);
    }

    /** Counts a reclaimed expired lease. */
    public void leaseExpired() {
        leaseExpiries.increment();
    }
}
