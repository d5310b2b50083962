package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DJL adapter on the bundled benchmarks, with the PyTorch engine on the CPU. */
class DjlBenchmarkDatasetTest {

    private static NDManager manager;
    private static BenchmarkManifest multifashion;
    private static BenchmarkDataset multifashionTest;

    @BeforeAll
    static void open() throws Exception {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        multifashion = BundledData.manifest("multifashion");
        multifashionTest = BundledData.shipped(multifashion, "test");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void shouldBatchNormalizedInputsAndOneLabelPerTask() throws Exception {
        DjlBenchmarkDataset ds =
                DjlBenchmarkDataset.builder(multifashion, multifashionTest)
                        .setSampling(8, false)
                        .optLimit(16)
                        .build();
        try (NDManager scope = manager.newSubManager()) {
            Batch first = ds.getData(scope).iterator().next();
            try (first) {
                NDArray x = first.getData().singletonOrThrow();
                assertThat(x.getShape()).isEqualTo(new Shape(8, 1, 28, 28));
                assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
                float[] raw = multifashionTest.get(0).input();
                float[] normalized = x.get(0).toFloatArray();
                for (int p = 0; p < raw.length; p++) {
                    assertThat(normalized[p]).isCloseTo(raw[p] / 255f, within(1e-6f));
                }
                assertThat(first.getLabels()).hasSize(2);
                assertThat(first.getLabels().get(1).getShape()).isEqualTo(new Shape(8));
                assertThat(first.getLabels().get(1).getDataType()).isEqualTo(DataType.INT64);
                assertThat(first.getLabels().get(1).getLong(5))
                        .isEqualTo((long) multifashionTest.get(5).targets().get(1)[0]);
            }
        }
    }

    @Test
    void shouldShuffleReproduciblyWithASeed() throws Exception {
        DjlBenchmarkDataset ds =
                DjlBenchmarkDataset.builder(multifashion, multifashionTest)
                        .setSampling(new BatchSampler(new SeededRandomSampler(3), 10, false))
                        .optLimit(50)
                        .build();
        List<Long> firstEpoch = fingerprintsOfEpoch(ds);
        DjlBenchmarkDataset again =
                DjlBenchmarkDataset.builder(multifashion, multifashionTest)
                        .setSampling(new BatchSampler(new SeededRandomSampler(3), 10, false))
                        .optLimit(50)
                        .build();
        assertThat(fingerprintsOfEpoch(again)).isEqualTo(firstEpoch);
        assertThat(fingerprintsOfEpoch(ds))
                .as("the next epoch has another order")
                .isNotEqualTo(firstEpoch);
    }

    /** One value per sample in epoch order that tells samples apart: the sum of its pixel values. */
    private static List<Long> fingerprintsOfEpoch(DjlBenchmarkDataset ds) throws Exception {
        List<Long> out = new ArrayList<>();
        try (NDManager scope = manager.newSubManager()) {
            for (Batch b : ds.getData(scope)) {
                try (b) {
                    NDArray x = b.getData().head();
                    for (long i = 0; i < x.getShape().get(0); i++) {
                        out.add((long) Math.round(x.get(i).sum().getFloat() * 255));
                    }
                }
            }
        }
        return out;
    }
}
