package io.mtlboard.benchmark;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a benchmark manifest and writes it into the registry, inserting the benchmark or
 * updating it in place. Tasks and metrics are matched by name so that runs' claims keep pointing
 * at the same metric rows; removing a metric that runs already claim is refused.
 */
@ApplicationScoped
class BenchmarkManifestApplier {

    void apply(BenchmarkManifest manifest, String sha256) {
        List<String> problems = problems(manifest);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Benchmark manifest '" + manifest.id() + "' is invalid: "
                    + String.join("; ", problems));
        }
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
        b.inputSpec = manifest.input() == null ? null : manifest.input().toString();
        b.dataBundled = manifest.data() != null && manifest.data().bundled();
        b.manifestSha256 = sha256;
        applyTasks(b, manifest.tasks());
        if (existing.isEmpty()) {
            b.persist();
        }
    }

    private static void applyTasks(Benchmark b, List<BenchmarkManifest.TaskSpec> specs) {
        List<BenchmarkTask> kept = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            BenchmarkManifest.TaskSpec spec = specs.get(i);
            BenchmarkTask task = b.tasks.stream().filter(t -> t.name.equals(spec.name())).findFirst()
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
            BenchmarkMetric metric = task.metrics.stream().filter(m -> m.name.equals(spec.name())).findFirst()
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

    /** Every problem of the manifest, empty when it is valid. */
    static List<String> problems(BenchmarkManifest m) {
        List<String> problems = new ArrayList<>();
        if (m.id() == null || !m.id().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add("id must be lower-case letters, digits and dashes");
        }
        if (blank(m.name())) {
            problems.add("name is required");
        }
        if (blank(m.version())) {
            problems.add("version is required");
        }
        if (m.tasks() == null || m.tasks().isEmpty()) {
            problems.add("at least one task is required");
            return problems;
        }
        Set<String> taskNames = new HashSet<>();
        for (BenchmarkManifest.TaskSpec t : m.tasks()) {
            if (t.name() == null || !t.name().matches("[A-Za-z][A-Za-z0-9_]*")) {
                problems.add("task name '" + t.name() + "' must be an identifier");
            } else if (!taskNames.add(t.name())) {
                problems.add("task '" + t.name() + "' is declared twice");
            }
            if (blank(t.kind())) {
                problems.add("task '" + t.name() + "' needs a kind");
            }
            if (t.metrics() == null || t.metrics().isEmpty()) {
                problems.add("task '" + t.name() + "' needs at least one metric");
                continue;
            }
            Set<String> metricNames = new HashSet<>();
            for (BenchmarkManifest.MetricSpec metric : t.metrics()) {
                String key = t.name() + "." + metric.name();
                if (metric.name() == null || !metric.name().matches("[A-Za-z][A-Za-z0-9_]*")) {
                    problems.add("metric name '" + key + "' must be an identifier");
                } else if (!metricNames.add(metric.name())) {
                    problems.add("metric '" + key + "' is declared twice");
                }
                if (metric.higherIsBetter() == null) {
                    problems.add("metric '" + key + "' needs higherIsBetter");
                }
                if (metric.tolerance() != null && (metric.tolerance().abs() < 0 || metric.tolerance().rel() < 0)) {
                    problems.add("metric '" + key + "' has a negative tolerance");
                }
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
