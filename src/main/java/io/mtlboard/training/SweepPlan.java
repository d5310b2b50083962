package io.mtlboard.training;

import io.mtlboard.training.method.MtlMethod;
import io.mtlboard.training.method.MtlMethods;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs of a sweep: every combination of backbone, method, gradient level, optimizer and seed
 * where the method is defined at the level (gradient methods at the levels METHODS.md gives them,
 * loss-weighting methods and single-task baselines once, at the parameter level). Ordered seed
 * first, so that a sweep cut short still covers every method.
 */
final class SweepPlan {

    /** The method list {@code all}: the single-task baseline and every method of the library. */
    static final String ALL = "all";

    private SweepPlan() {}

    static List<RunSpec> plan(
            String benchmark,
            List<String> backbones,
            List<String> methods,
            List<GradientLevel> levels,
            List<String> optimizers,
            List<Long> seeds,
            int tasks) {
        List<String> ids = expand(methods);
        List<RunSpec> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (String backbone : backbones) {
                for (String optimizer : optimizers) {
                    for (String method : ids) {
                        for (GradientLevel level : levels(method, levels, tasks)) {
                            runs.add(
                                    new RunSpec(
                                            benchmark, backbone, method, optimizer, level, seed));
                        }
                    }
                }
            }
        }
        return runs;
    }

    private static List<String> expand(List<String> methods) {
        Set<String> ids = new LinkedHashSet<>();
        for (String m : methods) {
            if (m.equals(ALL)) {
                ids.add(RunSpec.SINGLE_TASK);
                ids.addAll(MtlMethods.ids());
            } else {
                ids.add(m);
            }
        }
        return List.copyOf(ids);
    }

    private static List<GradientLevel> levels(
            String method, List<GradientLevel> levels, int tasks) {
        if (method.equals(RunSpec.SINGLE_TASK)) {
            return List.of(GradientLevel.PARAM);
        }
        MtlMethod m = MtlMethods.create(method, 0, tasks);
        if (!m.needsGradients()) {
            return List.of(GradientLevel.PARAM);
        }
        return levels.stream().filter(l -> Trainer.supports(m, l)).toList();
    }
}
