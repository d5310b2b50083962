package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputNormalizationTest {

    @Test
    void shouldScaleThenStandardizeEachChannel() {
        BenchmarkManifest.InputSpec spec =
                new BenchmarkManifest.InputSpec(
                        List.of(2, 1, 2),
                        "float32",
                        "uint8",
                        new BenchmarkManifest.Normalization(
                                1 / 255.0, List.of(0.5, 0.25), List.of(0.5, 0.25)));
        float[] out = new InputNormalization(spec).apply(new float[] {255, 0, 51, 102});
        // channel 0: (1 − .5)/.5 = 1, (0 − .5)/.5 = −1 ; channel 1: (.2 − .25)/.25 = −.2, (.4 −
        // .25)/.25 = .6
        assertThat(out[0]).isCloseTo(1f, within(1e-6f));
        assertThat(out[1]).isCloseTo(-1f, within(1e-6f));
        assertThat(out[2]).isCloseTo(-0.2f, within(1e-6f));
        assertThat(out[3]).isCloseTo(0.6f, within(1e-6f));
        assertThatThrownBy(() -> new InputNormalization(spec).apply(new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
