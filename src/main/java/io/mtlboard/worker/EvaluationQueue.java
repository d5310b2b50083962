package io.mtlboard.worker;

import io.mtlboard.run.EvaluationSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation job queue on the database. Claims use {@code SELECT … FOR UPDATE SKIP LOCKED}
 * (a pessimistic lock with lock timeout −2 through Hibernate), so concurrent workers never claim
 * the same job; leases expire when a worker stops heartbeating, and every later write is fenced
 * by the attempt number it claimed. Lease expiries and timestamps are read from the injected
 * {@link Clock}.
 */
@ApplicationScoped
@Transactional
public class EvaluationQueue implements EvaluationSchedule {

    private final EvaluationMetrics metrics;
    private final Clock clock;

    public EvaluationQueue(EvaluationMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A job claimed by a worker: the run to evaluate and the attempt that fences its writes. */
    public record Claim(long jobId, long runId, int attempt, int infraFailures) {}

    /** Puts a run in the queue. */
    @Override
    public void enqueue(long runId) {
        EvaluationJob job = new EvaluationJob();
        job.runId = runId;
        job.state = EvaluationJob.State.QUEUED;
        job.createdAt = OffsetDateTime.now(clock);
        job.updatedAt = job.createdAt;
        job.persist();
    }

    /**
     * Claims the oldest queued job, or a running job whose lease expired (counted as an
     * infrastructure failure of the previous attempt).
     */
    public Optional<Claim> claim(String workerId, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<EvaluationJob> candidates =
                EvaluationJob.<EvaluationJob>find(
                                "state = ?1 or (state = ?2 and leaseExpiresAt < ?3) order by id",
                                EvaluationJob.State.QUEUED,
                                EvaluationJob.State.RUNNING,
                                now)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .withHint("jakarta.persistence.lock.timeout", -2)
                        .page(0, 1)
                        .list();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        EvaluationJob job = candidates.get(0);
        if (job.state == EvaluationJob.State.RUNNING) {
            metrics.leaseExpired();
            job.infraFailures++;
            job.lastError = "lease of " + job.leaseOwner + " expired during attempt " + job.attempt;
        }
        job.state = EvaluationJob.State.RUNNING;
        job.attempt++;
        job.leaseOwner = workerId;
        job.leaseExpiresAt = now.plus(lease);
        job.progressDone = null;
        job.progressTotal = null;
        job.updatedAt = now;
        return Optional.of(new Claim(job.id, job.runId, job.attempt, job.infraFailures));
    }

    /** Renews the lease and records progress; false when the claim is no longer current. */
    public boolean heartbeat(Claim claim, Duration lease, Long done, Long total) {
        return EvaluationJob.update(
                        "leaseExpiresAt = ?1, progressDone = ?2, progressTotal = ?3, updatedAt = ?4 "
                                + "where id = ?5 and attempt = ?6 and state = ?7",
                        OffsetDateTime.now(clock).plus(lease),
                        done,
                        total,
                        OffsetDateTime.now(clock),
                        claim.jobId(),
                        claim.attempt(),
                        EvaluationJob.State.RUNNING)
                == 1;
    }

    /** Whether the claimed attempt is still the job's current, running attempt (the fence). */
    public boolean isCurrent(Claim claim) {
        return EvaluationJob.count(
                        "id = ?1 and attempt = ?2 and state = ?3",
                        claim.jobId(),
                        claim.attempt(),
                        EvaluationJob.State.RUNNING)
                == 1;
    }

    /**
     * Ends the claimed attempt in the given state, only if it is still current (the fence).
     *
     * @return whether this claim was current and the state was written
     */
    public boolean finish(Claim claim, EvaluationJob.State state, String error) {
        return EvaluationJob.update(
                        "state = ?1, lastError = ?2, leaseOwner = null, leaseExpiresAt = null, "
                                + "updatedAt = ?3 where id = ?4 and attempt = ?5 and state = ?6",
                        state,
                        error,
                        OffsetDateTime.now(clock),
                        claim.jobId(),
                        claim.attempt(),
                        EvaluationJob.State.RUNNING)
                == 1;
    }

    /** Puts a claimed job back in the queue after an infrastructure failure; false when not current. */
    public boolean retry(Claim claim, String error) {
        return EvaluationJob.update(
                        "state = ?1, lastError = ?2, infraFailures = infraFailures + 1, leaseOwner = null, "
                                + "leaseExpiresAt = null, updatedAt = ?3 where id = ?4 and attempt = ?5 and state = ?6",
                        EvaluationJob.State.QUEUED,
                        error,
                        OffsetDateTime.now(clock),
                        claim.jobId(),
                        claim.attempt(),
                        EvaluationJob.State.RUNNING)
                == 1;
    }

    /**
     * Puts the run's job back in the queue after it ended FAILED (infrastructure failures beyond the
     * retry budget, say), with a fresh budget. The attempt number carries on, so the writes of every
     * earlier attempt stay fenced off.
     *
     * @return false when the run has no job or its job did not end FAILED
     */
    @Override
    public boolean requeue(long runId, String note) {
        return EvaluationJob.update(
                        "state = ?1, infraFailures = 0, lastError = ?2, leaseOwner = null, "
                                + "leaseExpiresAt = null, progressDone = null, progressTotal = null, updatedAt = ?3 "
                                + "where runId = ?4 and state = ?5",
                        EvaluationJob.State.QUEUED,
                        note,
                        OffsetDateTime.now(clock),
                        runId,
                        EvaluationJob.State.FAILED)
                == 1;
    }

    /** Cancels the run's job if it has not finished (a withdrawn run). */
    @Override
    public void cancel(long runId) {
        EvaluationJob.update(
                "state = ?1, updatedAt = ?2 where runId = ?3 and state in (?4, ?5)",
                EvaluationJob.State.CANCELLED,
                OffsetDateTime.now(clock),
                runId,
                EvaluationJob.State.QUEUED,
                EvaluationJob.State.RUNNING);
    }

    /** 1-based position of a queued run in the queue, empty when it is not queued. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @Override
    public Optional<Long> position(long runId) {
        return EvaluationJob.byRun(runId)
                .filter(j -> j.state == EvaluationJob.State.QUEUED)
                .map(
                        j ->
                                EvaluationJob.count(
                                                "state = ?1 and id < ?2",
                                                EvaluationJob.State.QUEUED,
                                                j.id)
                                        + 1);
    }

    /** The run's job, if it has one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvaluationJob> job(long runId) {
        return EvaluationJob.byRun(runId);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<JobState> state(long runId) {
        return job(runId)
                .map(
                        j ->
                                new JobState(
                                        j.progressDone,
                                        j.progressTotal,
                                        j.lastError,
                                        j.state == EvaluationJob.State.RUNNING));
    }
}
