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

/**
 * A metric measured by the worker on a corrupted copy of the test split (METRICS.md §7, after
 * Hendrycks &amp; Dietterich as used by Elich et al., arXiv 2311.04698): one corruption at one
 * severity. The clean value is the evaluation's {@link EvaluationMeasurement} of the same metric.
 */
@Entity
@Table(name = "corruption_measurement")
public class CorruptionMeasurement extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "corruption_measurement_seq")
    @SequenceGenerator(
            name = "corruption_measurement_seq",
            sequenceName = "corruption_measurement_seq",
            allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "evaluation_id")
    public Evaluation evaluation;

    /** The corruption's id, e.g. {@code gaussian_noise}. */
    public String corruption;

    /** 1 (mildest) to 5. */
    public int severity;

    @ManyToOne(optional = false)
    @JoinColumn(name = "metric_id")
    public BenchmarkMetric metric;

    public double measured;
}
