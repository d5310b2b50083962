package io.mtlboard.training.method;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A method restored from its checkpointed state (through JSON text, as a checkpoint file holds it)
 * continues exactly as the method it was taken from: every step after the checkpoint is the same.
 */
class MethodStateTest {

    static List<String> ids() {
        return MtlMethods.ids();
    }

    /** Steps {@code from} to {@code to} of a seeded sequence of losses and 3×6 gradients. */
    private static List<Step> steps(MtlMethod method, int from, int to) {
        var random = new SplittableRandom(5);
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < to; k++) {
            double[] losses = random.doubles(3, 0.5, 2).toArray();
            double[][] grads = new double[3][];
            Arrays.setAll(grads, i -> random.doubles(6, -1, 1).toArray());
            if (k < from) {
                continue;
            }
            out.add(method.combine(new StepInput(losses, method.needsGradients() ? grads : null)));
            if (method.needsLossesAfterStep()) {
                method.afterStep(Arrays.stream(losses).map(x -> 0.9 * x).toArray());
            }
            if (k % 10 == 9) {
                method.endEpoch(losses);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void shouldContinueExactlyFromACheckpointedState(String id) throws Exception {
        MtlMethod original = MtlMethods.create(id, 3, 3);
        steps(original, 0, 20);
        String text = new ObjectMapper().writeValueAsString(MethodState.capture(original));
        MtlMethod resumed = MtlMethods.create(id, 3, 3);
        JsonNode state = new ObjectMapper().readTree(text);
        MethodState.restore(resumed, state);
        assertThat(MethodState.capture(resumed).toString()).isEqualTo(text);
        List<Step> a = steps(original, 20, 45);
        List<Step> b = steps(resumed, 20, 45);
        for (int k = 0; k < a.size(); k++) {
            assertThat(b.get(k).weights())
                    .as("%s step %d", id, 20 + k)
                    .containsExactly(a.get(k).weights());
            if (a.get(k) instanceof Step.Direction d) {
                assertThat(((Step.Direction) b.get(k)).direction()).containsExactly(d.direction());
            }
        }
    }

    /** Without the restore, the stateful methods would differ: the test above can fail. */
    @Test
    void shouldDifferWithoutTheState() {
        for (String id : List.of("rlw", "db-mtl", "uw", "moco", "pcgrad", "nash-mtl", "dwa")) {
            MtlMethod original = MtlMethods.create(id, 3, 3);
            steps(original, 0, 20);
            MtlMethod fresh = MtlMethods.create(id, 3, 3);
            List<Step> a = steps(original, 20, 45);
            List<Step> b = steps(fresh, 20, 45);
            boolean same = true;
            for (int k = 0; k < a.size(); k++) {
                same &= Arrays.equals(a.get(k).weights(), b.get(k).weights());
                if (a.get(k) instanceof Step.Direction d) {
                    same &= Arrays.equals(d.direction(), ((Step.Direction) b.get(k)).direction());
                }
            }
            assertThat(same).as(id).isFalse();
        }
    }
}
