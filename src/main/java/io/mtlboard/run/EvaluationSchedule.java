package io.mtlboard.run;

import java.util.Optional;

/**
 * The evaluation schedule of runs as the run side sees it: a submitted run is scheduled in the
 * transaction that creates it, withdrawn runs leave the schedule, an admin re-schedules a failed
 * one. Implemented by the worker's queue ({@code io.mtlboard.worker.EvaluationQueue}), so that
 * the run feature does not depend on the worker that consumes the schedule.
 */
public interface EvaluationSchedule {

    /** Schedules the run's evaluation; joins the caller's transaction. */
    void enqueue(long runId);

    /** Removes the run's pending evaluation, if any. */
    void cancel(long runId);

    /**
     * Schedules a finished (failed) evaluation again.
     *
     * @return whether there was a job to schedule again
     */
    boolean requeue(long runId, String note);

    /** 1-based place of the run among the waiting evaluations, if it waits. */
    Optional<Long> position(long runId);

    /** Progress and last error of the run's evaluation job, if it has one. */
    Optional<JobState> state(long runId);

    /**
     * What a run's page and API show of its evaluation job.
     *
     * @param progressDone samples evaluated so far, if reported
     * @param progressTotal samples to evaluate, if known
     * @param lastError the last infrastructure error or note, if any
     */
    record JobState(Long progressDone, Long progressTotal, String lastError, boolean running) {}
}
