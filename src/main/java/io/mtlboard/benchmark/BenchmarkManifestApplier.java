package io.mtlboard.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a benchmark manifest (already checked by {@link BenchmarkManifestReader}) into the
 * registry, inserting the benchmark or updating it in place. Tasks and metrics are matched by name
 * so that runs' claims keep pointing at the same metric rows; removing a metric that runs already
 * claim is refused.
 */
@ApplicationScoped
class BenchmarkManifestApplier {

    private final ObjectMapper json;

    BenchmarkManifestApplier(ObjectMapper json) {
        this.json = json;
    }

    void apply(BenchmarkManifest manifest, String sha256) {
        Optional<Benchmark> existing = Benchmark.byId(manifest.id());
        if (existing.isPresent() && sha256.equals(existing.get().manifestSha256)) {
            return;
        }
        Benchmark b = existing.orElseGet(Benchmark::new);
        b.id = manifest.id();
        b.name = manifest.name();
        b.version = manifest.version();
        b.description = manifest.description();
        b.homepage = manifest.homepage();
        b.datasetLicence = manifest.licence();
        b.citation = manifest.citation();
        b.inputSpec = inputJson(manifest.input());
        b.dataBundled = manifest.data() != null && manifest.data().bundled();
        b.manifestSha256 = sha256;
        applyTasks(b, manifest.tasks());
        if (existing.isEmpty()) {
            b.persist();
        }
    }

    private String inputJson(BenchmarkManifest.InputSpec input) {
        try {
            return json.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the input spec", e);
        }
    }

    private static void applyTasks(Benchmark b, List<BenchmarkManifest.TaskSpec> specs) {
        List<BenchmarkTask> kept = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            BenchmarkManifest.TaskSpec spec = specs.get(i);
            BenchmarkTask task =
                    b.tasks.stream()
                            .filter(t -> t.name.equals(spec.name()))
                            .findFirst()
                            .orElseGet(BenchmarkTask::new);
            task.benchmark = b;
            task.position = i;
            task.name = spec.name();
            task.title = spec.title() == null ? spec.name() : spec.title();
            task.kind = spec.kind();
            task.loss = spec.loss();
            applyMetrics(task, spec.metrics());
            kept.add(task);
        }
        b.tasks.clear();
        b.tasks.addAll(kept);
    }

    private static void applyMetrics(BenchmarkTask task, List<BenchmarkManifest.MetricSpec> specs) {
        List<BenchmarkMetric> kept = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            BenchmarkManifest.MetricSpec spec = specs.get(i);
            BenchmarkMetric metric =
                    task.metrics.stream()
                            .filter(m -> m.name.equals(spec.name()))
                            .findFirst()
                            .orElseGet(BenchmarkMetric::new);
            metric.task = task;
            metric.position = i;
            metric.name = spec.name();
            metric.title = spec.title() == null ? spec.name() : spec.title();
            metric.higherIsBetter = spec.higherIsBetter();
            metric.unit = spec.unit() == null ? "" : spec.unit();
            metric.absTolerance = spec.tolerance() == null ? 0 : spec.tolerance().abs();
            metric.relTolerance = spec.tolerance() == null ? 0 : spec.tolerance().rel();
            kept.add(metric);
        }
        task.metrics.clear();
        task.metrics.addAll(kept);
    }
}
