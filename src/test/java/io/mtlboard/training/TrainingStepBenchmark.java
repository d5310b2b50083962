package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.training.method.MtlMethods;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@link TrainingStep} on one fixed random MultiFashion-shaped batch, as
 * {@code perf/training_step.py} times the same step in PyTorch-Python; run by
 * {@code perf/training-step.sh}. Arguments: method (ew, pcgrad), batch size, libtorch threads,
 * timed steps.
 */
public final class TrainingStepBenchmark {

    private TrainingStepBenchmark() {}

    public static void main(String[] args) throws Exception {
        String method = args.length > 0 ? args[0] : "pcgrad";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        engine.setRandomSeed(1);
        BenchmarkManifest manifest =
                BenchmarkManifestReader.read(
                        Path.of("benchmarks-data/multifashion/benchmark.json"));
        double[] times = new double[steps];
        try (NDManager manager = engine.newBaseManager()) {
            MultiTaskNet net = Heads.network("lenet5", manifest, List.of(0, 1));
            net.initialize(manager, new Shape(batch, 1, 28, 28));
            net.sharedParameters().forEach(p -> p.getArray().setRequiresGradient(true));
            for (int h = 0; h < 2; h++) {
                net.headParameters(h).forEach(p -> p.getArray().setRequiresGradient(true));
            }
            TrainingStep step =
                    new TrainingStep(
                            manifest,
                            net,
                            MtlMethods.create(method, 1, 2),
                            GradientLevel.PARAM,
                            ModelOptimizer.of("adam", 1e-3),
                            new ParameterStore(manager, false));
            NDList data =
                    new NDList(
                            manager.randomUniform(0, 1, new Shape(batch, 1, 28, 28)),
                            manager.randomInteger(0, 10, new Shape(batch), DataType.INT64),
                            manager.randomInteger(0, 10, new Shape(batch), DataType.INT64));
            JniUtils.setGradMode(true);
            for (int s = -10; s < steps; s++) {
                long t0 = System.nanoTime();
                try (NDManager m = manager.newSubManager()) {
                    step.run(m, data, false);
                }
                if (s >= 0) {
                    times[s] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        System.out.printf(
                Locale.ROOT,
                "djl    %s batch %d threads %d: median %.2f ms/step (PyTorch %s, DJL %s)%n",
                method,
                batch,
                threads,
                times[steps / 2],
                Engine.getEngine("PyTorch").getVersion(),
                Engine.getDjlVersion());
    }
}
