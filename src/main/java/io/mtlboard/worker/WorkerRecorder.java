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

    /**
     * Publishes the verdict of an attempt whose diagnostics are still to come, if the claim is still
     * current: the evaluation and the run's status are written now and the job stays running until
     * {@link #complete} adds the diagnostics and the whole log.
     *
     * @return whether the verdict was written
     */
    public boolean publishVerdict(EvaluationQueue.Claim claim, EvaluationRecord record) {
        if (!queue.isCurrent(claim)) {
            return false;
        }
        boolean recorded = runs.recordEvaluation(claim.runId(), claim.attempt(), record);
        if (recorded) {
            metrics.finished(
                    record.verdict(), Duration.between(record.startedAt(), record.finishedAt()));
        }
        return recorded;
    }

    /**
     * Ends a job whose run already has a verdict of an earlier attempt (published before its
     * diagnostics, which the end of that worker cut short): the verdict stands and the model is not
     * evaluated again.
     *
     * @return whether the run had such a verdict (and the job was ended)
     */
    public boolean closeIfVerdictStands(EvaluationQueue.Claim claim) {
        Optional<Integer> earlier = runs.completedVerdictAttempt(claim.runId());
        if (earlier.isEmpty()) {
            return false;
        }
        queue.finish(
                claim,
                EvaluationJob.State.DONE,
                "the verdict of attempt "
                        + earlier.get()
                        + " stands; its diagnostics were cut short when its worker ended");
        return true;
    }

    /** Records a finished evaluation (any verdict) if the claim is still current. */
    public boolean complete(EvaluationQueue.Claim claim, EvaluationRecord record) {
        return complete(claim, record, null);
    }

    /**
     * Records a finished evaluation and its diagnostics (FD on the test split, corrupted-split
     * metrics; null when none) in one transaction, if the claim is still current: a stale attempt
     * writes neither. When the attempt's verdict was published before, only its log is replaced
     * and the diagnostics added.
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
        boolean recorded = runs.recordEvaluation(claim.runId(), claim.attempt(), record);
        if (recorded) {
            metrics.finished(
                    record.verdict(), Duration.between(record.startedAt(), record.finishedAt()));
        } else {
            // the verdict of this attempt was published before its diagnostics: add the whole log
            recorded = runs.updateEvaluationLog(claim.runId(), claim.attempt(), record.log());
        }
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
