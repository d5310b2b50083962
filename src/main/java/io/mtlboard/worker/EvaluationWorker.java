package io.mtlboard.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.evaluation.CorruptionSweep;
import io.mtlboard.support.MtlboardConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The in-process evaluation worker: polls the job queue every second and evaluates up to
 * {@code mtlboard.worker.threads} runs at a time, each in its own sandboxed child JVM.
 */
@ApplicationScoped
public class EvaluationWorker {

    private static final Logger LOG = Logger.getLogger(EvaluationWorker.class);

    private final MtlboardConfig config;
    private final EvaluationQueue queue;
    private final WorkerRecorder recorder;
    private final Semaphore slots;
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeats;
    private final JobRunner runner;
    private final String workerId;
    private final AtomicLong lastPoll = new AtomicLong();
    private final Set<String> requestFilesInUse = ConcurrentHashMap.newKeySet();

    public EvaluationWorker(
            MtlboardConfig config,
            EvaluationQueue queue,
            WorkerRecorder recorder,
            ObjectMapper json) {
        this.config = config;
        this.queue = queue;
        this.recorder = recorder;
        int threads = Math.max(1, config.worker().threads());
        this.slots = new Semaphore(threads);
        this.executor = Executors.newFixedThreadPool(threads, r -> daemon(r, "evaluation-worker"));
        this.heartbeats =
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "evaluation-heartbeat"));
        this.workerId = config.worker().id().orElse(ManagementFactory.getRuntimeMXBean().getName());
        // an unknown corruption id fails the start, not every evaluation
        CorruptionSweep.corruptions(config.worker().robustnessCorruptions().orElse(null));
        this.runner =
                new JobRunner(
                        config,
                        recorder,
                        queue,
                        json,
                        heartbeats,
                        workerId,
                        Path.of(config.dataDir(), "artifacts"));
    }

    /** This worker's id, as written in leases and evaluations. */
    public String id() {
        return workerId;
    }

    /**
     * Names of the request files in {@code work/} of the jobs this process is evaluating now; the
     * leftover sweep keeps them whatever their age or lease.
     */
    public Set<String> requestFilesInUse() {
        return Set.copyOf(requestFilesInUse);
    }

    /** Whether this process evaluates: the worker is enabled and the role is not portal-only. */
    public boolean active() {
        return config.worker().enabled() && config.role().evaluates();
    }

    /** When the poll loop last ran (epoch millis), 0 before the first run. */
    public long lastPoll() {
        return lastPoll.get();
    }

    @Scheduled(
            every = "1s",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!active()) {
            return;
        }
        lastPoll.set(System.currentTimeMillis());
        while (slots.tryAcquire()) {
            Optional<EvaluationQueue.Claim> claim;
            try {
                claim = queue.claim(workerId, config.worker().lease());
            } catch (RuntimeException e) {
                slots.release();
                LOG.warnf("claiming a job failed: %s", e.getMessage());
                return;
            }
            if (claim.isEmpty()) {
                slots.release();
                return;
            }
            executor.execute(() -> process(claim.get()));
        }
    }

    /** The request file of a claim marked in use; closing the hold releases it. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks the request file of a claim as in use until the hold is closed. */
    Hold holdRequestFile(EvaluationQueue.Claim claim) {
        String name = LeftoverSweep.requestFileName(claim.jobId(), claim.attempt());
        requestFilesInUse.add(name);
        return () -> requestFilesInUse.remove(name);
    }

    private void process(EvaluationQueue.Claim claim) {
        Hold requestFile = holdRequestFile(claim);
        try {
            LOG.infof(
                    "evaluating run %d (job %d, attempt %d)",
                    claim.runId(), claim.jobId(), claim.attempt());
            runner.run(claim);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.retry(claim, "worker interrupted");
        } catch (Exception e) {
            LOG.errorf(e, "evaluation of run %d failed in the worker", claim.runId());
            recorder.retry(claim, "worker error: " + e.getClass().getSimpleName());
        } finally {
            requestFile.close();
            slots.release();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
