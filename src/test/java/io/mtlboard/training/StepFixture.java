package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.evaluation.TaskLoss;
import io.mtlboard.training.method.MtlMethod;
import io.mtlboard.training.method.Step;
import io.mtlboard.training.method.StepInput;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A small two-task LeNet on a fixed random MultiFashion-shaped batch, seeded, for trainer tests:
 * the same seed gives the same network, so different gradient paths can be compared step for step.
 * With SGD at learning rate 1 the first update is {@code w ← w − g}, which exposes the gradient
 * the trainer applied.
 */
final class StepFixture implements AutoCloseable {

    static final BenchmarkManifest MULTIFASHION =
            read("benchmarks-data/multifashion/benchmark.json");

    final NDManager manager;
    final MultiTaskNet net;
    final NDList batch;

    StepFixture(long seed, int batchSize) {
        Engine engine = Engine.getEngine("PyTorch");
        manager = engine.newBaseManager();
        engine.setRandomSeed((int) seed);
        net = Heads.network("lenet5", MULTIFASHION, List.of(0, 1));
        net.initialize(manager, new Shape(batchSize, 1, 28, 28));
        trained().forEach(p -> p.getArray().setRequiresGradient(true));
        batch =
                new NDList(
                        manager.randomUniform(0, 1, new Shape(batchSize, 1, 28, 28)),
                        manager.randomInteger(0, 10, new Shape(batchSize), DataType.INT64),
                        manager.randomInteger(0, 10, new Shape(batchSize), DataType.INT64));
    }

    /** The reference data of {@code benchmark} for tests, cached under {@code target/test-data}. */
    static ReferenceData referenceData(String benchmark, TrainingSettings settings)
            throws java.io.IOException {
        return ReferenceData.load(
                benchmark,
                settings,
                new io.mtlboard.benchmark.data.DataLocations(
                        java.nio.file.Path.of("benchmarks-data"),
                        java.nio.file.Path.of(io.mtlboard.benchmark.data.FashionMnist.DEBIAN_DIR),
                        java.nio.file.Path.of("target/test-data/external"),
                        java.nio.file.Path.of("target/test-data/cache")));
    }

    static BenchmarkManifest read(String path) {
        try {
            return BenchmarkManifestReader.read(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Parameter> trained() {
        List<Parameter> all = new ArrayList<>(net.sharedParameters());
        all.addAll(net.headParameters(0));
        all.addAll(net.headParameters(1));
        return all;
    }

    /** A step with SGD at learning rate 1 (first update w ← w − g). */
    TrainingStep step(MtlMethod method, GradientLevel level) {
        return step(method, level, FeatureGradients.FLAT);
    }

    TrainingStep step(MtlMethod method, GradientLevel level, FeatureGradients variant) {
        return new TrainingStep(
                MULTIFASHION,
                net,
                method,
                level,
                new ModelOptimizer.Sgd(1, 0.9),
                new ParameterStore(manager, false),
                variant);
    }

    /** Runs one step and returns the record and the gradient applied to every trained parameter, flattened. */
    Applied run(TrainingStep step, boolean log) {
        List<Parameter> params = trained();
        double[] before = flat(params);
        StepRecord record;
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager m = manager.newSubManager()) {
            record = step.run(m, batch, log);
        } finally {
            JniUtils.setGradMode(grad);
        }
        double[] after = flat(params);
        double[] applied = new double[before.length];
        for (int i = 0; i < applied.length; i++) {
            applied[i] = before[i] - after[i];
        }
        return new Applied(record, applied, (int) Gradients.dimension(net.sharedParameters()));
    }

    /** What a step recorded and the gradient it applied; the shared parameters come first. */
    record Applied(StepRecord record, double[] gradient, int sharedDimension) {
        double[] shared() {
            return Arrays.copyOf(gradient, sharedDimension);
        }

        double[] heads() {
            return Arrays.copyOfRange(gradient, sharedDimension, gradient.length);
        }
    }

    static double[] flat(List<Parameter> params) {
        List<Double> values = new ArrayList<>();
        for (Parameter p : params) {
            for (float v : p.getArray().toFloatArray()) {
                values.add((double) v);
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Task {@code t}'s loss on the batch with the current parameters, without recording gradients. */
    double loss(int t) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            NDArray z =
                    net.encoder().forward(store, new NDList(batch.get(0)), true).singletonOrThrow();
            NDArray out = net.heads().get(t).forward(store, new NDList(z), true).singletonOrThrow();
            return TaskLoss.of(MULTIFASHION.tasks().get(t), out, batch.get(t + 1)).getFloat();
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** A gradient method that returns {@code combine(input)} as its step, at both levels. */
    static MtlMethod method(Function<StepInput, Step> combine) {
        return new MtlMethod() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public boolean needsGradients() {
                return true;
            }

            @Override
            public boolean supportsParameterLevel() {
                return true;
            }

            @Override
            public boolean supportsFeatureLevel() {
                return true;
            }

            @Override
            public Step combine(StepInput input) {
                return combine.apply(input);
            }
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
