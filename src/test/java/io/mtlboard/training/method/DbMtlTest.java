package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DbMtlTest {

    @Test
    void shouldRescaleEmasOfLogLossGradientsToTheLargestNorm() {
        var db = new DbMtl(2, 0.9);
        // step 1: log-loss gradients g_i / L_i = (3,4)/1 and (0,2)/2 = (0,1); EMAs 0.1 × those:
        // (0.3,0.4) with norm 0.5 and (0,0.1) with norm 0.1; α = (1, 5); d = (0.3, 0.4 + 0.5)
        Step first = db.combine(input(v(1, 2), g(v(3, 4), v(0, 2))));
        assertThat(direction(first)).containsExactly(v(0.3, 0.9), within(1e-7));
        assertThat(first.weights()).containsExactly(v(1, 0.5), within(1e-7));
        // step 2: L = (1, 1), g = (0,1) and (2,0): EMAs 0.9(0.3,0.4) + 0.1(0,1) = (0.27, 0.46) and
        // 0.9(0,0.1) + 0.1(2,0) = (0.2, 0.09); norms √0.2845 and √0.0481, α_2 = 2.4320281
        Step second = db.combine(input(v(1, 1), g(v(0, 1), v(2, 0))));
        double alpha2 = Math.sqrt(0.2845 / 0.0481);
        assertThat(alpha2).isCloseTo(2.4320281484310406, within(1e-12));
        assertThat(direction(second))
                .containsExactly(v(0.27 + alpha2 * 0.2, 0.46 + alpha2 * 0.09), within(1e-7));
    }
}
