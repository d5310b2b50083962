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

/** A metric value measured by the worker, and whether it agrees with the claim. */
@Entity
@Table(name = "evaluation_measurement")
public class EvaluationMeasurement extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "evaluation_measurement_seq")
    @SequenceGenerator(
            name = "evaluation_measurement_seq",
            sequenceName = "evaluation_measurement_seq",
            allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "evaluation_id")
    public Evaluation evaluation;

    @ManyToOne(optional = false)
    @JoinColumn(name = "metric_id")
    public BenchmarkMetric metric;

    public double measured;

    /** Null when nothing was claimed for this metric. */
    public Boolean agrees;
}
