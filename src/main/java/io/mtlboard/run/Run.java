package io.mtlboard.run;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
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
 * One trained model: benchmark × backbone × method × optimizer × gradient level × seed, with its
 * claimed test metrics. Literature runs stand for a published mean over {@link #reportedSeeds}.
 */
@Entity
public class Run extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "run_seq")
    @SequenceGenerator(name = "run_seq", sequenceName = "run_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "benchmark_id")
    public Benchmark benchmark;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "backbone_id")
    public Backbone backbone;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "method_id")
    public Method method;

    public String optimizer;

    @Column(name = "gradient_level")
    public String gradientLevel;

    public Integer seed;

    /** For literature runs: how many seeds the published mean is over, when stated. */
    @Column(name = "reported_seeds")
    public Integer reportedSeeds;

    @Enumerated(EnumType.STRING)
    public RunSource source;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    public String submitter;
    public String description;

    /** The publication or party the numbers come from. */
    public String citation;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "hyper_parameters")
    public String hyperParameters;

    @Column(name = "published_delta_m_task")
    public Double publishedDeltaMTask;

    @Column(name = "published_delta_m_task_std")
    public Double publishedDeltaMTaskStd;

    @Column(name = "published_delta_m_flat")
    public Double publishedDeltaMFlat;

    @Column(name = "published_delta_m_flat_std")
    public Double publishedDeltaMFlatStd;

    /** Why the printed Δm differs from the recomputation, when the publication is inconsistent itself. */
    @Column(name = "published_delta_m_note")
    public String publishedDeltaMNote;

    /**
     * The pipeline that produced the numbers ({@link Protocols}): {@code mtlboard} for reference,
     * verified and claimed runs, the publication's protocol for literature runs.
     */
    public String protocol;

    /** For literature runs whose single-task baseline comes from another protocol: that protocol. */
    @Column(name = "baseline_protocol")
    public String baselineProtocol;

    /** For literature runs: the optimizer of the single-task row the publication compared with. */
    @Column(name = "baseline_optimizer")
    public String baselineOptimizer;

    /** Natural key of an imported run (file + row key); null for submissions. */
    @Column(name = "import_key")
    public String importKey;

    @Column(name = "import_hash")
    public String importHash;

    public boolean hidden;

    /** Marked by an admin for attention; stays listed. */
    public boolean flagged;

    /** The API token that submitted the run; null for imported runs. */
    @Column(name = "owner_token_id")
    public Long ownerTokenId;

    @Column(name = "artifact_sha256")
    public String artifactSha256;

    @Column(name = "artifact_bytes")
    public Long artifactBytes;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** The submitted manifest (JSON), including the optional training log. */
    public String manifest;

    @Column(name = "manifest_sha256")
    public String manifestSha256;

    @Column(name = "code_url")
    public String codeUrl;

    @Column(name = "paper_url")
    public String paperUrl;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @OneToMany(mappedBy = "run", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<RunClaim> claims = new ArrayList<>();

    public static Optional<Run> byId(long id) {
        return Optional.ofNullable(findById(id));
    }

    public static Optional<Run> byIdempotencyKey(long ownerTokenId, String key) {
        return find("ownerTokenId = ?1 and idempotencyKey = ?2", ownerTokenId, key)
                .firstResultOptional();
    }

    public static Optional<Run> byImportKey(String key) {
        return find("importKey", key).firstResultOptional();
    }
}
