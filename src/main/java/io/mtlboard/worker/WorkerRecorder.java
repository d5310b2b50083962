package io.mtlboard.worker;

import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;

/**
 * The worker's transactions: reading what a job needs, and writing its outcome — fenced by the
 * attempt number, so that a worker that lost its lease cannot overwrite a newer attempt.
 */
@ApplicationScoped
@Transactional
public class WorkerRecorder {

    private final EvaluationQueue queue;
    private final RunService runs;
    private final EvaluationMetrics metrics;

    public WorkerRecorder(EvaluationQueue queue, RunService runs, EvaluationMetrics metrics) {
        this.queue = queue;
        this.runs = runs;
        this.metrics = metrics;
    }

    /** The input of the run's evaluation; empty when the run was withdrawn or has no artifact. */
    public Optional<RunService.EvaluationInput> start(EvaluationQueue.Claim claim) {
        Optional<RunService.EvaluationInput> input = runs.startEvaluation(claim.runId());
        if (input.isEmpty()) {
            queue.finish(claim, EvaluationJob.State.CANCELLED, "run withdrawn or without a model");
        }
        return input;
    }

    /** Records a finished evaluation (any verdict) if the claim is still current. */
    public boolean complete(EvaluationQueue.Claim claim, EvaluationRecord record) {
        return complete(claim, record, null);
    }

    /**
     * Records a finished evaluation and its diagnostics (FD on the test split, corrupted-split
     * metrics; null when none) in one transaction, if the claim is still current: a stale attempt
     * writes neither.
     */
    public boolean complete(
            EvaluationQueue.Claim claim,
            EvaluationRecord record,
            EvaluationDiagnostics diagnostics) {
        EvaluationJob.State state =
                "FAILED".equals(record.verdict())
                        ? EvaluationJob.State.FAILED
                        : EvaluationJob.State.DONE;
        if (!queue.finish(claim, state, record.reason())) {
            return false;
        }
        metrics.finished(
                record.verdict(), Duration.between(record.startedAt(), record.finishedAt()));
        boolean recorded = runs.recordEvaluation(claim.runId(), claim.attempt(), record);
        if (recorded && diagnostics != null) {
            runs.recordDiagnostics(claim.runId(), claim.attempt(), diagnostics);
        }
        return recorded;
    }

    /** Puts the job back for another attempt after an infrastructure failure, if the claim is current. */
    public boolean retry(EvaluationQueue.Claim claim, String error) {
        boolean retried = queue.retry(claim, error);
        if (retried) {
            runs.markWaitingAgain(claim.runId());
        }
        return retried;
    }
}
