package io.mtlboard.benchmark;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A benchmark: a dataset with an ordered list of tasks, each scored by its metrics. Defined by a
 * manifest in {@code benchmarks-data/<id>/benchmark.json} and loaded at start-up.
 */
@Entity
public class Benchmark extends PanacheEntityBase {

    @Id public String id;
    public String name;
    public String version;
    public String description;

    @Column(name = "dataset_licence")
    public String datasetLicence;

    public String citation;
    public String homepage;

    /** The input spec of the manifest, kept as its JSON text. */
    @Column(name = "input_spec")
    public String inputSpec;

    @Column(name = "data_bundled")
    public boolean dataBundled;

    @Column(name = "manifest_sha256")
    public String manifestSha256;

    @OneToMany(mappedBy = "benchmark", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<BenchmarkTask> tasks = new ArrayList<>();

    public static Optional<Benchmark> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(findById(id));
    }

    public static List<Benchmark> allByName() {
        return list("order by name");
    }

    /** Every metric of every task, in task order then metric order. */
    public List<BenchmarkMetric> metrics() {
        return tasks.stream().flatMap(t -> t.metrics.stream()).toList();
    }
}
