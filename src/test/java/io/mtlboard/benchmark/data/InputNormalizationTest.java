package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.List;
import java.util.Random;
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

    @Test
    void shouldNormalizeIntoARowAsTheFormulaDoesElementByElement() {
        BenchmarkManifest.InputSpec spec =
                new BenchmarkManifest.InputSpec(
                        List.of(3, 4, 5),
                        "float32",
                        "uint8",
                        new BenchmarkManifest.Normalization(
                                1 / 255.0,
                                List.of(0.485, 0.456, 0.406),
                                List.of(0.229, 0.224, 0.225)));
        InputNormalization normalization = new InputNormalization(spec);
        Random random = new Random(7);
        float[] raw = new float[60];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = random.nextInt(256);
        }
        float scale = (float) (1 / 255.0);
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        float[] row = new float[60];
        normalization.apply(raw, row);
        for (int i = 0; i < raw.length; i++) {
            float expected = (raw[i] * scale - mean[i / 20]) / std[i / 20];
            assertThat(Float.floatToRawIntBits(row[i]))
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
        assertThat(normalization.apply(raw)).containsExactly(row);
    }
}
