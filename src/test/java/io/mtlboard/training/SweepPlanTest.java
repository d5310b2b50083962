package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs a sweep plans: each method at the levels it is defined at, seeds outermost. */
class SweepPlanTest {

    private static final List<GradientLevel> BOTH =
            List.of(GradientLevel.PARAM, GradientLevel.FEATURE);

    private static List<String> plan(List<String> methods) {
        return SweepPlan.plan(
                        "multifashion",
                        List.of("lenet5"),
                        methods,
                        BOTH,
                        List.of("adam"),
                        List.of(1L),
                        2)
                .stream()
                .map(r -> r.method() + "/" + r.level().id())
                .toList();
    }

    @Test
    void shouldPlanEveryGradientMethodAtBothLevels() {
        assertThat(plan(List.of("stl", "ew", "pcgrad", "graddrop", "mgda", "aligned-mtl")))
                .containsExactly(
                        "stl/param",
                        "ew/param",
                        "pcgrad/param",
                        "pcgrad/feature",
                        "graddrop/param",
                        "graddrop/feature",
                        "mgda/param",
                        "mgda/feature",
                        "aligned-mtl/param",
                        "aligned-mtl/feature");
    }

    @Test
    void shouldPlanTheBaselineAndEveryMethodWhenAskedForAll() {
        // 1 baseline + 7 loss-weighting methods + 12 gradient methods at both levels
        assertThat(plan(List.of("all"))).hasSize(32).startsWith("stl/param", "ew/param");
    }

    @Test
    void shouldOrderSeedsOutermostWhenPlanningSeveral() {
        List<RunSpec> runs =
                SweepPlan.plan(
                        "multifashion",
                        List.of("lenet5"),
                        List.of("ew", "mgda"),
                        BOTH,
                        List.of("adam", "sgd"),
                        List.of(1L, 2L),
                        2);
        assertThat(runs).hasSize(12);
        assertThat(runs.subList(0, 6)).allMatch(r -> r.seed() == 1);
        assertThat(runs.get(0).name()).isEqualTo("lenet5_ew_param_adam_seed1");
    }
}
