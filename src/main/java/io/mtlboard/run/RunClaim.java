package io.mtlboard.run;

import io.mtlboard.benchmark.BenchmarkMetric;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A value the run's submitter (or publication) claims for one metric. */
@Entity
@Table(name = "run_claim")
public class RunClaim extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "run_claim_seq")
    @SequenceGenerator(name = "run_claim_seq", sequenceName = "run_claim_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "run_id")
    public Run run;

    @ManyToOne(optional = false)
    @JoinColumn(name = "metric_id")
    public BenchmarkMetric metric;

    public double claimed;
}
