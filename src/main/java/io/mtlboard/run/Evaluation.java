package io.mtlboard.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attempt of the evaluation worker on a run. Append-only: a re-evaluation adds a row, and
 * the leaderboard uses the latest completed one.
 */
@Entity
public class Evaluation extends PanacheEntityBase {

    /** Status of an evaluation that finished and produced a verdict. */
    public static final String COMPLETED = "COMPLETED";

    @Id
    @GeneratedValue(generator = "evaluation_seq")
    @SequenceGenerator(
            name = "evaluation_seq",
            sequenceName = "evaluation_seq",
            allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    public Run run;

    public int attempt;

    @Column(name = "evaluator_version")
    public String evaluatorVersion;

    @Column(name = "worker_id")
    public String workerId;

    public String device;
    public String status;

    /** VERIFIED, DISCREPANT or REJECTED once completed. */
    public String verdict;

    public String reason;

    @Column(name = "parameter_count")
    public Long parameterCount;

    @Column(name = "latency_ms")
    public Double latencyMs;

    public Double throughput;

    /** FD (METRICS.md §4) measured on the test split; null unless the artifact separates encoder and decoder. */
    @Column(name = "test_fd")
    public Double testFd;

    @Column(name = "test_fd_mean_entropy")
    public Double testFdMeanEntropy;

    @Column(name = "log_excerpt")
    public String logExcerpt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @OneToMany(mappedBy = "evaluation", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<EvaluationMeasurement> measurements = new ArrayList<>();

    /** Metrics on corrupted copies of the test split, when the worker measured them. */
    @OneToMany(mappedBy = "evaluation", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<CorruptionMeasurement> corruptions = new ArrayList<>();

    /** The latest completed evaluation of a run, if any. */
    public static Optional<Evaluation> latestCompleted(long runId) {
        return find("run.id = ?1 and status = ?2 order by attempt desc", runId, COMPLETED)
                .firstResultOptional();
    }
}
