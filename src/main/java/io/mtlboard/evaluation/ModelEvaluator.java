package io.mtlboard.evaluation;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import io.mtlboard.benchmark.data.InputNormalization;
import io.mtlboard.benchmark.metric.TaskScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a TorchScript model on a benchmark's test split with DJL's PyTorch engine: checks the
 * output contract of every batch (one output per task, the declared shapes, finite values), feeds
 * the streaming scorers, compares the metrics with the claims and measures efficiency. A plain
 * class: the sandboxed process and the CLI both call it.
 */
public final class ModelEvaluator {

    /** Receives progress in samples. */
    public interface Progress {
        void update(long done, long total);
    }

    private static final int BATCH = 100;
    private static final int LATENCY_RUNS = 30;

    /**
     * Evaluates the request.
     *
     * @throws ModelFault when the model cannot be loaded, rejects the input or breaks the contract
     * @throws IOException when the benchmark's data cannot be read (an infrastructure failure)
     */
    public EvaluationResult evaluate(EvaluationRequest req, Progress progress) throws ModelFault, IOException {
        long start = System.nanoTime();
        Path benchmarks = Path.of(req.benchmarksDir());
        BenchmarkManifest manifest = BenchmarkManifestReader.read(benchmarks.resolve(req.benchmark()).resolve(
                "benchmark.json"));
        String testSplit = manifest.data().splits().stream().filter(s -> "test".equals(s.role())).findFirst()
                .orElseThrow(() -> new IllegalStateException("benchmark " + manifest.id() + " declares no test split"))
                .name();
        BenchmarkDataset data = BenchmarkData.open(manifest, testSplit, locations(req));
        Engine engine = Engine.getEngine("PyTorch");
        String deviceName = DeviceSelector.select(req.device(), engine.getGpuCount());
        Device device = deviceName.startsWith("gpu") ? Device.gpu(0) : Device.cpu();
        String engineName = "PyTorch " + engine.getVersion() + " (DJL " + Engine.getDjlVersion() + ")";
        try (ZooModel<NDList, NDList> model = load(Path.of(req.model()), device);
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            Batches batches = new Batches(manifest, data);
            List<TaskScorer> scorers = scorers(manifest);
            for (int from = 0; from < data.size(); from += BATCH) {
                int n = Math.min(BATCH, data.size() - from);
                score(manifest, batches, predictor, model.getNDManager(), from, n, scorers);
                progress.update(from + n, data.size());
            }
            Map<String, Double> measured = measured(manifest, scorers);
            Efficiency eff = Efficiency.measure(model, predictor, batches, Math.min(BATCH, data.size()), LATENCY_RUNS);
            ClaimCheck.Outcome outcome = req.claims().isEmpty() ? new ClaimCheck.Outcome(Map.of(), "MEASURED")
                    : ClaimCheck.compare(req.claims(), measured, req.tolerances());
            return new EvaluationResult(outcome.verdict(), null, deviceName, engineName, measured, outcome.agrees(),
                    eff.parameters(), eff.latencyMs(), eff.throughput(), data.size(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static DataLocations locations(EvaluationRequest req) {
        Path dataDir = Path.of(req.dataDir() == null ? "data" : req.dataDir());
        return new DataLocations(Path.of(req.benchmarksDir()),
                Path.of(req.fashionMnistDir() == null ? FashionMnist.DEBIAN_DIR : req.fashionMnistDir()),
                req.externalDir() == null ? dataDir.resolve("external") : Path.of(req.externalDir()),
                dataDir.resolve("cache"));
    }

    private static ZooModel<NDList, NDList> load(Path file, Device device) throws ModelFault {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file).optEngine("PyTorch").optDevice(device).optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (MalformedModelException | ModelNotFoundException | IOException | RuntimeException e) {
            throw new ModelFault("the model could not be loaded as TorchScript: " + brief(e));
        }
    }

    private static List<TaskScorer> scorers(BenchmarkManifest m) {
        List<TaskScorer> scorers = new ArrayList<>();
        for (BenchmarkManifest.TaskSpec t : m.tasks()) {
            scorers.add(TaskScorer.forKind(t.kind(), t.classes() == null ? 0 : t.classes(), t.ignoreLabelOrDefault(),
                    m.input().height(), m.input().width()));
        }
        return scorers;
    }

    private static void score(BenchmarkManifest m, Batches batches, Predictor<NDList, NDList> predictor,
            NDManager parent, int from, int n, List<TaskScorer> scorers) throws ModelFault {
        try (NDManager batch = parent.newSubManager()) {
            NDList outputs = run(predictor, batches.input(batch, from, n));
            outputs.attach(batch);
            Contract.check(m, outputs, n);
            for (int t = 0; t < scorers.size(); t++) {
                scorers.get(t).add(Contract.finite(m.tasks().get(t), outputs.get(t)), batches.targets(t, from, n));
            }
        }
    }

    static NDList run(Predictor<NDList, NDList> predictor, NDArray input) throws ModelFault {
        try {
            return predictor.predict(new NDList(input));
        } catch (TranslateException | RuntimeException e) {
            throw new ModelFault("the model failed on an input of shape " + input.getShape() + ": " + brief(e));
        }
    }

    private static Map<String, Double> measured(BenchmarkManifest m, List<TaskScorer> scorers) {
        Map<String, Double> measured = new LinkedHashMap<>();
        for (int t = 0; t < scorers.size(); t++) {
            String task = m.tasks().get(t).name();
            scorers.get(t).values().forEach((metric, v) -> measured.put(task + "." + metric, v));
        }
        return measured;
    }

    static String brief(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).trim();
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }

    /** Efficiency of the model on the device it ran on. */
    record Efficiency(Long parameters, Double latencyMs, Double throughput) {

        static Efficiency measure(ZooModel<NDList, NDList> model, Predictor<NDList, NDList> predictor, Batches batches,
                int batchSize, int runs) throws ModelFault {
            double[] times = new double[runs];
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDArray one = batches.input(m, 0, 1);
                for (int i = -3; i < runs; i++) {
                    long t0 = System.nanoTime();
                    run(predictor, one).close();
                    if (i >= 0) {
                        times[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                NDArray full = batches.input(m, 0, batchSize);
                long t0 = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    run(predictor, full).close();
                }
                double throughput = 3.0 * batchSize / ((System.nanoTime() - t0) / 1e9);
                Arrays.sort(times);
                return new Efficiency(parameters(model), times[runs / 2], throughput);
            }
        }

        private static Long parameters(ZooModel<NDList, NDList> model) {
            try {
                long count = 0;
                for (Parameter p : model.getBlock().getParameters().values()) {
                    count += p.getArray().getShape().size();
                }
                return count == 0 ? null : count;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** Normalized input batches and concatenated targets of the test split. */
    static final class Batches {

        private final BenchmarkManifest manifest;
        private final BenchmarkDataset data;
        private final InputNormalization normalization;

        Batches(BenchmarkManifest manifest, BenchmarkDataset data) {
            this.manifest = manifest;
            this.data = data;
            this.normalization = new InputNormalization(manifest.input());
        }

        NDArray input(NDManager manager, int from, int n) {
            BenchmarkManifest.InputSpec spec = manifest.input();
            int size = spec.channels() * spec.height() * spec.width();
            float[] x = new float[n * size];
            for (int i = 0; i < n; i++) {
                System.arraycopy(normalization.apply(data.get(from + i).input()), 0, x, i * size, size);
            }
            return manager.create(x, new Shape(n, spec.channels(), spec.height(), spec.width()));
        }

        float[] targets(int task, int from, int n) {
            float[] first = data.get(from).targets().get(task);
            float[] all = new float[first.length * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.get(from + i).targets().get(task), 0, all, i * first.length, first.length);
            }
            return all;
        }
    }
}
