package io.mtlboard.analysis;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSettings;
import io.mtlboard.support.query.QueryChecks;
import java.util.Arrays;
import java.util.List;

/** The checks of an analysis request: the shared query checks and the analysis filter as a scope. */
final class Checks extends QueryChecks {

    /** The filter as a scope; the benchmark may be left out when {@code fallback} names one. */
    Scope scope(AnalysisFilter f, String fallback) {
        return scope(f, fallback, false);
    }

    /**
     * The filter as a scope whose benchmark may be left out, meaning every benchmark: the scope's
     * benchmark is then null.
     */
    Scope scopeOrAll(AnalysisFilter f) {
        return scope(f, null, true);
    }

    private Scope scope(AnalysisFilter f, String fallback, boolean all) {
        List<String> benchmarks = Benchmark.allByName().stream().map(b -> b.id).toList();
        String id = blank(f.benchmark) ? fallback : f.benchmark.trim();
        Benchmark benchmark = null;
        if (id == null && all) {
            benchmark = null;
        } else if (id == null) {
            add("benchmark", "required; allowed values: " + String.join(", ", benchmarks));
        } else {
            benchmark = Benchmark.byId(id).orElse(null);
            if (benchmark == null) {
                add(
                        "benchmark",
                        "'"
                                + id
                                + "' is not allowed; allowed values: "
                                + String.join(", ", benchmarks));
            }
        }
        List<String> backbones =
                many("backbone", f.backbone, Backbone.allById().stream().map(b -> b.id).toList());
        List<String> optimizers = many("optimizer", f.optimizer, RunSettings.OPTIMIZERS);
        List<String> levels = many("gradientLevel", f.gradientLevel, RunSettings.GRADIENT_LEVELS);
        List<String> sources = many("source", f.source, RowSource.ids());
        List<String> methods =
                many(
                        "method",
                        f.method,
                        Method.allByName().stream().map(m -> m.id).sorted().toList());
        String convention =
                one(
                        "convention",
                        f.convention,
                        Arrays.stream(DeltaM.Convention.values())
                                .map(DeltaM.Convention::id)
                                .toList(),
                        DeltaM.Convention.PER_TASK.id());
        DeltaM.Convention c =
                Arrays.stream(DeltaM.Convention.values())
                        .filter(v -> v.id().equals(convention))
                        .findFirst()
                        .orElse(DeltaM.Convention.PER_TASK);
        return new Scope(
                benchmark == null ? null : new Ref(benchmark.id, benchmark.name),
                backbones,
                optimizers,
                levels,
                sources,
                methods,
                new LeaderboardView.ConventionView(
                        c.id(), c.label(), "gain: positive = better than single-task"));
    }
}
