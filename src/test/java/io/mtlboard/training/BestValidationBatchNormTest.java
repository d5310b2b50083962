package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The best-validation copy of a network holds batch normalization's running statistics with the
 * weights, and gives both back: a network whose weights and statistics moved on (a forward pass in
 * training mode moves the statistics) is restored array for array.
 */
class BestValidationBatchNormTest {

    private static List<float[]> values(MultiTaskNet net) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : net.allParameters()) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void shouldRestoreTheRunningStatisticsWithTheWeights() throws Exception {
        var manifest =
                BenchmarkManifestReader.read(
                        Path.of("benchmarks-data/multifashion/benchmark.json"));
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            MultiTaskNet net = Heads.network("resnet-narrow", manifest, List.of(0, 1));
            net.initialize(m, new Shape(8, 1, 28, 28));
            // the network has arrays that no optimizer trains: the running statistics
            assertThat(net.allParameters().size())
                    .isGreaterThan(
                            net.sharedParameters().size()
                                    + net.headParameters(0).size()
                                    + net.headParameters(1).size());
            List<float[]> before = values(net);
            List<NDArray> best = Trainer.snapshot(net, m);
            // move the statistics (a training-mode forward pass) and the weights
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                net.encoder()
                        .forward(
                                new ParameterStore(m, false),
                                new NDList(m.randomNormal(new Shape(8, 1, 28, 28)).mul(3).add(1)),
                                true);
                for (Parameter p : net.sharedParameters()) {
                    p.getArray().addi(0.5f);
                }
            } finally {
                JniUtils.setGradMode(grad);
            }
            List<float[]> moved = values(net);
            int changed = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!java.util.Arrays.equals(before.get(i), moved.get(i))) {
                    changed++;
                }
            }
            assertThat(changed).isEqualTo(net.allParameters().size() - headArrays(net));
            Trainer.restore(net, best);
            List<float[]> restored = values(net);
            for (int i = 0; i < before.size(); i++) {
                assertThat(restored.get(i)).as("array %d", i).containsExactly(before.get(i));
            }
        }
    }

    private static int headArrays(MultiTaskNet net) {
        int n = 0;
        for (int h = 0; h < net.heads().size(); h++) {
            n += net.heads().get(h).getParameters().size();
        }
        return n;
    }
}
