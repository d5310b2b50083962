package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MtlMethodsTest {

    private static final Set<String> GRADIENT_METHODS =
            Set.of(
                    "gradnorm",
                    "mgda",
                    "pcgrad",
                    "graddrop",
                    "gradvac",
                    "cagrad",
                    "imtl-g",
                    "imtl",
                    "nash-mtl",
                    "aligned-mtl",
                    "db-mtl",
                    "moco");
    // registry entries without a reference implementation: literature rows only (AdaTask, MTL-IO:
    // Elich et al.)
    private static final Set<String> NOT_OPTIMIZERS =
            Set.of("stl", "cosreg", "rotograd", "bmtas", "mmoe", "adatask", "mtl-io");

    private static Map<String, JsonNode> registry() throws IOException {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode method :
                new ObjectMapper().readTree(Path.of("benchmarks-data/methods.json").toFile())) {
            byId.put(method.get("id").asText(), method);
        }
        return byId;
    }

    static List<String> ids() {
        return MtlMethods.ids();
    }

    /** Runs 30 steps on seeded random losses and 3×6 gradients, following the trainer contract. */
    private static List<Step> run(MtlMethod method, long seed) {
        var random = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            double[] losses = random.doubles(3, 0.5, 2).toArray();
            double[][] grads = new double[3][];
            Arrays.setAll(grads, i -> random.doubles(6, -1, 1).toArray());
            steps.add(
                    method.combine(new StepInput(losses, method.needsGradients() ? grads : null)));
            if (method.needsLossesAfterStep()) {
                method.afterStep(Arrays.stream(losses).map(x -> 0.9 * x).toArray());
            }
            if (k % 10 == 9) {
                method.endEpoch(losses);
            }
        }
        return steps;
    }

    @Test
    void shouldKnowEveryOptimizerOfTheRegistry() throws IOException {
        assertThat(MtlMethods.ids())
                .containsExactlyInAnyOrderElementsOf(
                        registry().keySet().stream()
                                .filter(id -> !NOT_OPTIMIZERS.contains(id))
                                .toList());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void shouldDeclareIdAndGradientLevelsAsTheRegistry(String id) throws IOException {
        MtlMethod method = MtlMethods.create(id, 1, 3);
        assertThat(method.id()).isEqualTo(id);
        assertThat(method.needsGradients()).isEqualTo(GRADIENT_METHODS.contains(id));
        // every gradient method runs at both levels; the registry's featureLevel says which have a
        // guarantee
        assertThat(method.supportsFeatureLevel()).isEqualTo(method.needsGradients());
        assertThat(method.supportsParameterLevel()).isEqualTo(method.needsGradients());
        assertThat(registry().get(id).get("featureLevel").asBoolean())
                .isEqualTo(Set.of("mgda", "imtl-g", "imtl", "aligned-mtl").contains(id));
        assertThat(method.needsLossesAfterStep()).isEqualTo(id.equals("famo"));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void shouldReturnFiniteStepsOfTheRightShape(String id) {
        MtlMethod method = MtlMethods.create(id, 1, 3);
        for (Step step : run(method, 11)) {
            assertThat(step.weights()).hasSize(3);
            assertThat(Arrays.stream(step.weights()).allMatch(Double::isFinite)).isTrue();
            boolean combinesGradients = method.needsGradients() && !id.equals("gradnorm");
            assertThat(step)
                    .isInstanceOf(combinesGradients ? Step.Direction.class : Step.Weights.class);
            if (step instanceof Step.Direction d) {
                assertThat(d.direction()).hasSize(6);
                assertThat(Arrays.stream(d.direction()).allMatch(Double::isFinite)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void shouldRepeatARunFromTheSeed(String id) {
        List<Step> first = run(MtlMethods.create(id, 3, 3), 5);
        List<Step> second = run(MtlMethods.create(id, 3, 3), 5);
        for (int k = 0; k < first.size(); k++) {
            assertThat(second.get(k).weights()).containsExactly(first.get(k).weights());
            if (first.get(k) instanceof Step.Direction d) {
                assertThat(direction(second.get(k))).containsExactly(d.direction());
            }
        }
    }

    @Test
    void shouldListDefaultHyperParameters() {
        assertThat(MtlMethods.defaults("cagrad")).isEqualTo(Map.of("c", 0.5));
        assertThat(MtlMethods.defaults("famo")).isEqualTo(Map.of("lr", 0.025, "weightDecay", 1e-3));
        assertThat(MtlMethods.defaults("dwa")).isEqualTo(Map.of("temperature", 2.0));
        assertThat(MtlMethods.defaults("mgda")).isEqualTo(Map.of("normalization", "none"));
        assertThat(MtlMethods.defaults("ew")).isEmpty();
    }

    @Test
    void shouldApplyHyperParameterOverrides() {
        MtlMethod cagrad = MtlMethods.create("cagrad", 1, 2, Map.of("c", 0));
        assertThat(direction(cagrad.combine(input(v(1, 1), g(v(4, 0), v(-1, 1))))))
                .containsExactly(v(1.5, 0.5), within(1e-12));
        MtlMethod mgda = MtlMethods.create("mgda", 1, 2, Map.of("normalization", "l2"));
        assertThat(mgda.combine(input(v(1, 1), g(v(1, 0), v(0, 2)))).weights())
                .containsExactly(v(0.5, 0.5), within(1e-12));
    }

    @Test
    void shouldRejectUnknownIdsNamesAndTypes() {
        assertThatThrownBy(() -> MtlMethods.create("sgd", 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sgd");
        assertThatThrownBy(() -> MtlMethods.create("cagrad", 1, 2, Map.of("alpha", 0.4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[c]");
        assertThatThrownBy(() -> MtlMethods.create("cagrad", 1, 2, Map.of("c", "0.4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number");
        assertThatThrownBy(() -> MtlMethods.create("mgda", 1, 2, Map.of("normalization", "max")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
        assertThatThrownBy(() -> MtlMethods.create("ew", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectInputsThatDoNotFitTheMethod() {
        assertThatThrownBy(
                        () -> MtlMethods.create("pcgrad", 1, 2).combine(StepInput.ofLosses(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradients");
        assertThatThrownBy(() -> MtlMethods.create("ew", 1, 3).combine(StepInput.ofLosses(1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3");
        assertThatThrownBy(() -> MtlMethods.create("dwa", 1, 2).endEpoch(v(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectMalformedStepInputs() {
        assertThatThrownBy(() -> StepInput.ofLosses(1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepInput(v(1, 1), g(v(1, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepInput(v(1, 1), g(v(1, 0), v(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepInput(v(1, 1), g(v(1, 0), v(Double.POSITIVE_INFINITY, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
