package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.data.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's input batch is exactly the normalized samples, one after the other. */
class SplitBatchesTest {

    @Test
    void shouldHoldEveryNormalizedSampleBitForBit() throws Exception {
        BenchmarkManifest manifest = BundledData.manifest("multifashion");
        BenchmarkDataset test = BundledData.shipped(manifest, "test");
        InputNormalization normalization = new InputNormalization(manifest.input());
        SplitBatches batches = new SplitBatches(manifest, test);
        List<Sample> samples = batches.read(9_950, 50);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray input = batches.input(manager, samples);
            assertThat(input.getShape().getShape()).containsExactly(50, 1, 28, 28);
            float[] values = input.toFloatArray();
            for (int i = 0; i < samples.size(); i++) {
                float[] expected = normalization.apply(samples.get(i).input());
                for (int p = 0; p < expected.length; p++) {
                    assertThat(Float.floatToRawIntBits(values[i * expected.length + p]))
                            .as("sample %d, pixel %d", i, p)
                            .isEqualTo(Float.floatToRawIntBits(expected[p]));
                }
            }
        }
    }
}
