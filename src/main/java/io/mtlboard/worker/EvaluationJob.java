package io.mtlboard.worker;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The queue entry of a run waiting for, or in, evaluation. A worker holds it under a lease that
 * it renews by heartbeat; an expired lease lets another worker reclaim it with a higher attempt
 * number, and every write of a result is conditional on that number.
 */
@Entity
@Table(name = "evaluation_job")
public class EvaluationJob extends PanacheEntityBase {

    /** Job states. */
    public enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    @Id
    @GeneratedValue(generator = "evaluation_job_seq")
    @SequenceGenerator(
            name = "evaluation_job_seq",
            sequenceName = "evaluation_job_seq",
            allocationSize = 50)
    public Long id;

    @Column(name = "run_id")
    public long runId;

    @Enumerated(EnumType.STRING)
    public State state;

    public int attempt;

    @Column(name = "infra_failures")
    public int infraFailures;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    @Column(name = "progress_done")
    public Long progressDone;

    @Column(name = "progress_total")
    public Long progressTotal;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static Optional<EvaluationJob> byRun(long runId) {
        return find("runId", runId).firstResultOptional();
    }
}
