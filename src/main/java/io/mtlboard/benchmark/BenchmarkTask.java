package io.mtlboard.benchmark;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** One task of a benchmark (segmentation, depth, a classification head, …) and its metrics. */
@Entity
@Table(name = "benchmark_task")
public class BenchmarkTask extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "benchmark_task_seq")
    @SequenceGenerator(
            name = "benchmark_task_seq",
            sequenceName = "benchmark_task_seq",
            allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "benchmark_id")
    public Benchmark benchmark;

    public int position;
    public String name;
    public String title;
    public String kind;
    public String loss;

    @OneToMany(mappedBy = "task", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<BenchmarkMetric> metrics = new ArrayList<>();
}
