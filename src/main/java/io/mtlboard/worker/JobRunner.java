package io.mtlboard.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.evaluation.EvaluationRequest;
import io.mtlboard.evaluation.EvaluationResult;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.RunService;
import io.mtlboard.submission.ArtifactStore;
import io.mtlboard.support.MtlboardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Evaluates one claimed job: starts the evaluation process in a child JVM, heartbeats the lease
 * with the progress it reports, and turns how the child ended into a verdict (model failures,
 * including the evaluator's own time limit and memory cap: REJECTED, never retried) or a retry
 * (infrastructure failures, bounded, among them a kill by a signal the evaluator did not send). Once the child has
 * reported its verdict, the verdict is published at once (the run's status changes before the
 * diagnostics run) and stands even if the diagnostics that follow (FD, corrupted passes) are cut
 * short by a limit, a crash, an error or the end of the worker: they are recorded as far as they
 * got, checked by {@link DiagnosticsCheck}, fenced by the attempt like the verdict. A job whose run
 * already has a verdict of an earlier attempt is not evaluated again.
 */
final class JobRunner {

    static final String EVALUATOR_VERSION = ModelEvaluator.VERSION;
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final int LOG_LINES = 300;

    private final MtlboardConfig config;
    private final WorkerRecorder recorder;
    private final EvaluationQueue queue;
    private final ObjectMapper json;
    private final ScheduledExecutorService heartbeats;
    private final String workerId;
    private final Path artifacts;

    JobRunner(
            MtlboardConfig config,
            WorkerRecorder recorder,
            EvaluationQueue queue,
            ObjectMapper json,
            ScheduledExecutorService heartbeats,
            String workerId,
            Path artifacts) {
        this.config = config;
        this.recorder = recorder;
        this.queue = queue;
        this.json = json;
        this.heartbeats = heartbeats;
        this.workerId = workerId;
        this.artifacts = artifacts;
    }

    void run(EvaluationQueue.Claim claim) throws IOException, InterruptedException {
        OffsetDateTime started = OffsetDateTime.now();
        if (recorder.closeIfVerdictStands(claim)) {
            LOG.infof(
                    "job %d attempt %d: the run's verdict was published by an earlier attempt; not"
                            + " evaluated again",
                    claim.jobId(), claim.attempt());
            return;
        }
        if (claim.infraFailures() > config.worker().maxInfraRetries()) {
            // the reason of the last failure is what an operator needs to fix before retrying the
            // run
            String last =
                    queue.job(claim.runId())
                            .map(j -> j.lastError)
                            .map(e -> "; the last: " + e)
                            .orElse("");
            recorder.complete(
                    claim,
                    record(
                            "FAILED",
                            "gave up after "
                                    + claim.infraFailures()
                                    + " infrastructure failures"
                                    + last,
                            null,
                            started,
                            "",
                            null));
            return;
        }
        RunService.EvaluationInput input = recorder.start(claim).orElse(null);
        if (input == null) {
            return;
        }
        Path work = Files.createDirectories(Path.of(config.dataDir(), "work"));
        Path requestFile = work.resolve("job-" + claim.jobId() + "-" + claim.attempt() + ".json");
        Path model = ArtifactStore.path(artifacts, input.artifactSha256());
        DataLocations locations = DataLocations.of(config);
        json.writeValue(
                requestFile.toFile(),
                new EvaluationRequest(
                        model.toString(),
                        config.benchmarksDir(),
                        input.benchmark(),
                        config.worker().device(),
                        input.claims(),
                        input.tolerances(),
                        config.dataDir(),
                        locations.fashionMnistDir().toString(),
                        locations.externalDir().toString(),
                        config.worker().robustness(),
                        config.worker().robustnessCorruptions().orElse(null)));
        try {
            evaluate(claim, requestFile, started, input.tolerances().keySet());
        } finally {
            Files.deleteIfExists(requestFile);
        }
    }

    private void evaluate(
            EvaluationQueue.Claim claim,
            Path requestFile,
            OffsetDateTime started,
            Set<String> metricKeys)
            throws IOException, InterruptedException {
        AtomicLong done = new AtomicLong(-1);
        AtomicLong total = new AtomicLong(-1);
        AtomicBoolean lost = new AtomicBoolean();
        AtomicReference<ChildEvent> last = new AtomicReference<>();
        AtomicReference<EvaluationResult> result = new AtomicReference<>();
        AtomicBoolean published = new AtomicBoolean();
        Deque<String> log = new ArrayDeque<>();
        Duration every = config.worker().heartbeat();
        ScheduledFuture<?> beat =
                heartbeats.scheduleAtFixedRate(
                        () -> {
                            try {
                                if (!queue.heartbeat(
                                        claim,
                                        config.worker().lease(),
                                        done.get() < 0 ? null : done.get(),
                                        total.get() < 0 ? null : total.get())) {
                                    lost.set(true);
                                }
                            } catch (RuntimeException e) {
                                LOG.warnf(
                                        "heartbeat of job %d failed: %s",
                                        claim.jobId(), e.getMessage());
                            }
                        },
                        0,
                        every.toMillis(),
                        TimeUnit.MILLISECONDS);
        ChildJvm.Exit exit;
        // the time limit runs to the verdict; the diagnostics then get their own from there on
        ChildJvm.Deadline deadline = ChildJvm.Deadline.after(config.worker().timeout());
        try {
            exit =
                    ChildJvm.run(
                            ChildJvm.classpath(),
                            EvaluatorProcess.class.getName(),
                            List.of(requestFile.toString()),
                            new ChildJvm.Limits(
                                    config.worker().timeout(),
                                    config.worker().heapBytes(),
                                    config.worker().memoryBytes()),
                            deadline,
                            line -> {
                                ChildEvent event = parse(line);
                                if (event == null) {
                                    keep(log, line);
                                } else if ("progress".equals(event.event())) {
                                    done.set(event.done());
                                    total.set(event.total());
                                } else if ("result".equals(event.event())
                                        && event.result() != null) {
                                    // the verdict arrives first, then again with each diagnostic:
                                    // the latest wins; the first is published at once
                                    result.set(event.result());
                                    if (published.compareAndSet(false, true)) {
                                        deadline.restart(config.worker().diagnosticsTimeout());
                                        publish(claim, event.result(), started);
                                    }
                                } else {
                                    last.set(event);
                                }
                            },
                            lost::get);
        } finally {
            beat.cancel(false);
        }
        if (lost.get()) {
            LOG.warnf(
                    "job %d attempt %d lost its lease; its result is discarded",
                    claim.jobId(), claim.attempt());
            return;
        }
        String text =
                String.join("\n", log)
                        + (exit.stderrTail().isEmpty() ? "" : "\n" + exit.stderrTail());
        if (result.get() != null) {
            concludeWithResult(claim, exit, result.get(), last.get(), text, started, metricKeys);
        } else {
            conclude(claim, exit, last.get(), text, started);
        }
    }

    /**
     * The child reported a result: the verdict stands whatever happened afterwards (the diagnostics
     * run after the verdict and may have been cut short by a limit, a crash or an error).
     */
    private void concludeWithResult(
            EvaluationQueue.Claim claim,
            ChildJvm.Exit exit,
            EvaluationResult r,
            ChildEvent after,
            String log,
            OffsetDateTime started,
            Set<String> metricKeys) {
        StringBuilder text = new StringBuilder(summary(r));
        r.notes().forEach(n -> text.append(n).append('\n'));
        String stop = stopped(exit, after);
        if (stop != null) {
            text.append("the evaluation process stopped before the diagnostics finished (")
                    .append(stop)
                    .append(
                            "): the verdict stands; the diagnostics above are all that was measured\n");
        }
        DiagnosticsCheck.Checked d = DiagnosticsCheck.check(r.diagnostics(), metricKeys);
        d.notes().forEach(n -> text.append(n).append('\n'));
        recorder.complete(
                claim,
                record(r.verdict(), r.reason(), r, started, text + log, r.device()),
                d.diagnostics());
    }

    /**
     * Publishes the verdict as soon as the clean test split is scored, before the diagnostics (the
     * corrupted-split sweep, FD) that follow; {@link #concludeWithResult} adds them and the whole
     * log. A failure here only delays the verdict to the end of the attempt.
     */
    private void publish(EvaluationQueue.Claim claim, EvaluationResult r, OffsetDateTime started) {
        StringBuilder text = new StringBuilder(summary(r));
        r.notes().forEach(n -> text.append(n).append('\n'));
        text.append("diagnostics (corrupted test splits, FD) follow\n");
        try {
            recorder.publishVerdict(
                    claim,
                    record(r.verdict(), r.reason(), r, started, text.toString(), r.device()));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "job %d attempt %d: the verdict could not be published before the diagnostics"
                            + " (%s); it is recorded at the end of the attempt",
                    claim.jobId(), claim.attempt(), e.getMessage());
        }
    }

    /** The first line of a run's log: what was evaluated where, or, for a model refused early, why. */
    static String summary(EvaluationResult r) {
        if (r.device() == null || r.samples() == 0) {
            return String.format(
                    Locale.ROOT,
                    "%s after %.1f s: %s%n",
                    r.verdict(),
                    r.seconds(),
                    r.reason() == null ? "no test sample was scored" : r.reason());
        }
        return String.format(
                Locale.ROOT,
                "%d test samples in %.1f s on %s with %s%n",
                r.samples(),
                r.seconds(),
                r.device(),
                r.engine());
    }

    /** Why the child did not end normally after its result, or null when it did. */
    private String stopped(ChildJvm.Exit exit, ChildEvent after) {
        if (exit.timedOut()) {
            return "time limit of "
                    + config.worker().diagnosticsTimeout().toSeconds()
                    + " s for the diagnostics";
        } else if (exit.memoryExceeded()) {
            return "memory cap of " + (config.worker().memoryBytes() >> 20) + " MiB";
        } else if (after != null && "error".equals(after.event())) {
            return after.message();
        } else if (exit.exitCode() != 0) {
            return "exit code " + exit.exitCode();
        }
        return null;
    }

    private void conclude(
            EvaluationQueue.Claim claim,
            ChildJvm.Exit exit,
            ChildEvent event,
            String log,
            OffsetDateTime started) {
        String limit = "";
        if (exit.timedOut()) {
            limit =
                    "the evaluation did not finish within "
                            + config.worker().timeout().toSeconds()
                            + " s";
        } else if (exit.memoryExceeded()) {
            limit =
                    "the evaluation used more than "
                            + (config.worker().memoryBytes() >> 20)
                            + " MiB of memory";
        }
        if (!limit.isEmpty()) {
            recorder.complete(claim, record("REJECTED", limit, null, started, log, null));
        } else if (exit.outsideSignal() != null) {
            // the evaluator did not send it: an operator, the OOM killer or a shutdown, not the
            // model
            String why =
                    "the evaluation process was killed by "
                            + exit.outsideSignal()
                            + " from outside the "
                            + "evaluator (exit code "
                            + exit.exitCode()
                            + "; e.g. the OOM killer or an operator)";
            LOG.warnf("job %d attempt %d: %s; retrying", claim.jobId(), claim.attempt(), why);
            if (!recorder.retry(claim, why)) {
                LOG.warnf(
                        "job %d attempt %d could not be requeued (no longer current)",
                        claim.jobId(), claim.attempt());
            }
        } else if (event != null && "model".equals(event.kind())) {
            recorder.complete(claim, record("REJECTED", event.message(), null, started, log, null));
        } else if (event != null || exit.exitCode() == 0) {
            String why =
                    event != null
                            ? event.message()
                            : "the evaluation process ended without a result";
            if (!recorder.retry(claim, why)) {
                LOG.warnf(
                        "job %d attempt %d could not be requeued (no longer current)",
                        claim.jobId(), claim.attempt());
            }
        } else {
            recorder.complete(
                    claim,
                    record(
                            "REJECTED",
                            "the evaluation process crashed (exit code "
                                    + exit.exitCode()
                                    + ") while running the model",
                            null,
                            started,
                            log,
                            null));
        }
    }

    private EvaluationRecord record(
            String verdict,
            String reason,
            EvaluationResult r,
            OffsetDateTime started,
            String log,
            String device) {
        // device: where the model ran, null when no sample was scored
        return new EvaluationRecord(
                EVALUATOR_VERSION,
                workerId,
                device,
                verdict,
                reason,
                r == null ? null : r.parameterCount(),
                r == null ? null : r.latencyMs(),
                r == null ? null : r.throughput(),
                log,
                started,
                OffsetDateTime.now(),
                r == null ? Map.of() : r.measured(),
                r == null ? Map.of() : r.agrees());
    }

    private ChildEvent parse(String line) {
        if (!line.startsWith(ChildEvent.PREFIX)) {
            return null;
        }
        try {
            return json.readValue(line.substring(ChildEvent.PREFIX.length()), ChildEvent.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static void keep(Deque<String> log, String line) {
        log.addLast(line);
        if (log.size() > LOG_LINES) {
            log.removeFirst();
        }
    }
}
