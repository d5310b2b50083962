package io.mtlboard.benchmark;

import io.mtlboard.benchmark.BenchmarkManifest.Split;
import io.mtlboard.benchmark.BenchmarkManifest.TaskSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of a benchmark manifest that its JSON Schema cannot express. */
final class ManifestRules {

    private ManifestRules() {}

    /** Every rule the (schema-valid) manifest breaks, empty when it is valid. */
    static List<String> problems(BenchmarkManifest m) {
        List<String> problems = new ArrayList<>();
        BenchmarkManifest.InputSpec input = m.input();
        int channels = input.channels();
        if (input.normalization().mean().size() != channels
                || input.normalization().std().size() != channels) {
            problems.add(
                    "input.normalization needs one mean and one std per channel ("
                            + channels
                            + ")");
        }
        Set<String> taskNames = new HashSet<>();
        for (TaskSpec t : m.tasks()) {
            if (!taskNames.add(t.name())) {
                problems.add("task '" + t.name() + "' is declared twice");
            }
            Set<String> metricNames = new HashSet<>();
            t.metrics().stream()
                    .filter(x -> !metricNames.add(x.name()))
                    .forEach(
                            x ->
                                    problems.add(
                                            "metric '"
                                                    + t.name()
                                                    + "."
                                                    + x.name()
                                                    + "' is declared twice"));
            outputProblems(t, input, problems);
        }
        dataProblems(m, problems);
        return problems;
    }

    private static void outputProblems(
            TaskSpec t, BenchmarkManifest.InputSpec input, List<String> problems) {
        List<Integer> hw = List.of(input.height(), input.width());
        List<Integer> expected =
                switch (t.kind()) {
                    case "classification" -> List.of(t.classes());
                    case "segmentation" -> List.of(t.classes(), hw.get(0), hw.get(1));
                    case "depth" -> List.of(1, hw.get(0), hw.get(1));
                    case "normals" -> List.of(3, hw.get(0), hw.get(1));
                    default -> null;
                };
        if (expected != null && !expected.equals(t.output().shape())) {
            problems.add(
                    "task '"
                            + t.name()
                            + "' ("
                            + t.kind()
                            + ") must output "
                            + expected
                            + " per sample, not "
                            + t.output().shape());
        }
        if (t.classNames() != null
                && (t.classes() == null || t.classNames().size() != t.classes())) {
            problems.add(
                    "task '"
                            + t.name()
                            + "' names "
                            + t.classNames().size()
                            + " classes but has "
                            + t.classes());
        }
        if ("segmentation".equals(t.kind())
                && t.ignoreLabelOrDefault() >= 0
                && t.ignoreLabelOrDefault() < t.classes()) {
            problems.add(
                    "task '"
                            + t.name()
                            + "': ignoreLabel "
                            + t.ignoreLabel()
                            + " is one of its classes");
        }
    }

    private static void dataProblems(BenchmarkManifest m, List<String> problems) {
        if ("literature-only".equals(m.data().layout())) {
            return;
        }
        List<Split> splits = m.data().splits();
        Set<String> names = new HashSet<>();
        splits.stream()
                .filter(s -> !names.add(s.name()))
                .forEach(s -> problems.add("split '" + s.name() + "' is declared twice"));
        if (splits.stream().noneMatch(s -> s.role().equals("test"))) {
            problems.add("a split with role 'test' is required");
        }
        for (TaskSpec t : m.tasks()) {
            if (t.target() == null) {
                problems.add(
                        "task '"
                                + t.name()
                                + "' needs a target: where its ground truth comes from");
            }
        }
        for (Split s : splits) {
            if (s.generator() != null
                    && s.generator().prefixOf() != null
                    && !names.contains(s.generator().prefixOf())) {
                problems.add(
                        "split '"
                                + s.name()
                                + "' is a prefix of unknown split '"
                                + s.generator().prefixOf()
                                + "'");
            }
            if (s.files() == null || s.files().isEmpty()) {
                continue;
            }
            List<String> needed = new ArrayList<>();
            needed.add(m.data().inputSource());
            m.tasks().stream()
                    .filter(t -> t.target() != null)
                    .map(t -> t.target().from())
                    .forEach(needed::add);
            needed.stream()
                    .distinct()
                    .filter(c -> s.files(c).isEmpty())
                    .forEach(
                            c ->
                                    problems.add(
                                            "split '"
                                                    + s.name()
                                                    + "' has no file with content '"
                                                    + c
                                                    + "'"));
        }
    }
}
