package io.mtlboard.analysis;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSettings;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates the parameters of one analysis request, collecting every problem so that the 400
 * response lists them all, each with the allowed values.
 */
final class Checks {

    private final List<Violation> violations = new ArrayList<>();

    /** The filter as a scope; the benchmark may be left out when {@code fallback} names one. */
    Scope scope(AnalysisFilter f, String fallback) {
        List<String> benchmarks = Benchmark.allByName().stream().map(b -> b.id).toList();
        String id = blank(f.benchmark) ? fallback : f.benchmark.trim();
        Benchmark benchmark = null;
        if (id == null) {
            add("benchmark", "required; allowed values: " + String.join(", ", benchmarks));
        } else {
            benchmark = Benchmark.byId(id).orElse(null);
            if (benchmark == null) {
                add("benchmark", "'" + id + "' is not allowed; allowed values: " + String.join(", ", benchmarks));
            }
        }
        List<String> backbones = many("backbone", f.backbone, Backbone.allById().stream().map(b -> b.id).toList());
        List<String> optimizers = many("optimizer", f.optimizer, RunSettings.OPTIMIZERS);
        List<String> levels = many("gradientLevel", f.gradientLevel, RunSettings.GRADIENT_LEVELS);
        List<String> sources = many("source", f.source, RowSource.ids());
        List<String> methods = many("method", f.method, Method.allByName().stream().map(m -> m.id).sorted().toList());
        String convention = one("convention", f.convention,
                Arrays.stream(DeltaM.Convention.values()).map(DeltaM.Convention::id).toList(),
                DeltaM.Convention.PER_TASK.id());
        DeltaM.Convention c = Arrays.stream(DeltaM.Convention.values()).filter(v -> v.id().equals(convention))
                .findFirst().orElse(DeltaM.Convention.PER_TASK);
        return new Scope(benchmark == null ? null : new LeaderboardView.Ref(benchmark.id, benchmark.name), backbones,
                optimizers, levels, sources, methods,
                new LeaderboardView.ConventionView(c.id(), c.label(), "gain: positive = better than single-task"));
    }

    /** Every value allowed; values may be repeated or comma-separated. */
    List<String> many(String field, List<String> values, List<String> allowed) {
        List<String> clean = clean(values);
        for (String v : clean) {
            if (!allowed.contains(v)) {
                add(field, "'" + v + "' is not allowed; allowed values: " + String.join(", ", allowed));
            }
        }
        return clean.stream().filter(allowed::contains).toList();
    }

    /** One allowed value, or the default when absent. */
    String one(String field, String value, List<String> allowed, String fallback) {
        if (blank(value)) {
            return fallback;
        }
        String v = value.trim();
        if (!allowed.contains(v)) {
            add(field, "'" + v + "' is not allowed; allowed values: " + String.join(", ", allowed));
            return fallback;
        }
        return v;
    }

    /** An integer in [min, max], or the default when absent. */
    int integer(String field, String value, int min, int max, int fallback) {
        if (blank(value)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        add(field, "'" + value + "' must be an integer between " + min + " and " + max);
        return fallback;
    }

    /** A number in (min, max], or null when absent. */
    Double number(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double x = Double.parseDouble(value.trim());
            if (x > min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        add(field, "'" + value + "' must be a number greater than " + min + " and at most " + max);
        return null;
    }

    void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    /** @throws InvalidInputProblem listing every violation found, if any */
    void done(String what) {
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(violations.size() + " invalid parameter(s) for " + what, violations);
        }
    }

    static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
