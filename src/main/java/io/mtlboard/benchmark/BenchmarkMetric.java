package io.mtlboard.benchmark;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One metric of a task with its direction, unit and verification tolerance (METRICS.md §8).
 * Its key {@code task.metric} names it in manifests, claims, CSV headers and sort parameters.
 */
@Entity
@Table(name = "benchmark_metric")
public class BenchmarkMetric extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "benchmark_metric_seq")
    @SequenceGenerator(
            name = "benchmark_metric_seq",
            sequenceName = "benchmark_metric_seq",
            allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "task_id")
    public BenchmarkTask task;

    public int position;
    public String name;
    public String title;

    @Column(name = "higher_is_better")
    public boolean higherIsBetter;

    public String unit;

    @Column(name = "abs_tolerance")
    public double absTolerance;

    @Column(name = "rel_tolerance")
    public double relTolerance;

    /** The stable key {@code task.metric}. */
    public String key() {
        return task.name + "." + name;
    }
}
