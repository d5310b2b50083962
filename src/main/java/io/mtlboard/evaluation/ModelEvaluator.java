package io.mtlboard.evaluation;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
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

    /** Version of the evaluation procedure, recorded with every evaluation. */
    public static final String VERSION = "1";

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
        BenchmarkDataset data = BenchmarkData.open(manifest, testSplit(manifest), locations(req));
        Engine engine = Engine.getEngine("PyTorch");
        String deviceName = DeviceSelector.select(req.device(), engine.getGpuCount());
        Device device = deviceName.startsWith("gpu") ? Device.gpu(0) : Device.cpu();
        try (ZooModel<NDList, NDList> model = load(Path.of(req.model()), device);
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            EvaluationResult r = evaluate(new Subject(model, predictor, deviceName), manifest, data, req.claims(),
                    req.tolerances(), progress);
            return r.withSeconds((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Evaluates a loaded model on {@code data} (the benchmark's test split): the core shared by
     * submitted TorchScript models and the reference trainer's DJL blocks, so both are scored,
     * checked and measured the same way.
     *
     * @param claims claimed value per metric key; empty for a plain measurement (verdict MEASURED)
     * @throws ModelFault when the model rejects the input or breaks the output contract
     */
    public EvaluationResult evaluate(Subject subject, BenchmarkManifest manifest, BenchmarkDataset data,
            Map<String, Double> claims, Map<String, ClaimCheck.Tolerance> tolerances, Progress progress)
            throws ModelFault {
        long start = System.nanoTime();
        Map<String, Double> measured = score(subject, manifest, data, progress);
        Batches batches = new Batches(manifest, data);
        Efficiency eff = Efficiency.measure(subject, batches, Math.min(BATCH, data.size()), LATENCY_RUNS);
        ClaimCheck.Outcome outcome = claims.isEmpty() ? new ClaimCheck.Outcome(Map.of(), "MEASURED")
                : ClaimCheck.compare(claims, measured, tolerances);
        Engine engine = subject.model().getNDManager().getEngine();
        String engineName = engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion()
                + ")";
        return new EvaluationResult(outcome.verdict(), null, subject.device(), engineName, measured, outcome.agrees(),
                eff.parameters(), eff.latencyMs(), eff.throughput(), data.size(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Every metric of the benchmark over {@code data}, keyed {@code task.metric}, after checking
     * the output contract of every batch.
     */
    public Map<String, Double> score(Subject subject, BenchmarkManifest manifest, BenchmarkDataset data,
            Progress progress) throws ModelFault {
        Batches batches = new Batches(manifest, data);
        List<TaskScorer> scorers = scorers(manifest);
        for (int from = 0; from < data.size(); from += BATCH) {
            int n = Math.min(BATCH, data.size() - from);
            score(manifest, batches, subject.predictor(), subject.model().getNDManager(), from, n, scorers);
            progress.update(from + n, data.size());
        }
        return measured(manifest, scorers);
    }

    /** The name of the split with role {@code test}. */
    public static String testSplit(BenchmarkManifest manifest) {
        return manifest.data().splits().stream().filter(s -> "test".equals(s.role())).findFirst()
                .orElseThrow(() -> new IllegalStateException("benchmark " + manifest.id() + " declares no test split"))
                .name();
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

    /**
     * A model ready to evaluate: a DJL model (a loaded TorchScript file or a trained block), a
     * predictor of it taking a normalized input batch and returning one output per task, and the
     * device it runs on.
     */
    public record Subject(Model model, Predictor<NDList, NDList> predictor, String device) {
    }

    /** Efficiency of the model on the device it ran on. */
    record Efficiency(Long parameters, Double latencyMs, Double throughput) {

        static Efficiency measure(Subject subject, Batches batches, int batchSize, int runs) throws ModelFault {
            Predictor<NDList, NDList> predictor = subject.predictor();
            double[] times = new double[runs];
            try (NDManager m = subject.model().getNDManager().newSubManager()) {
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
                return new Efficiency(parameters(subject.model()), times[runs / 2], throughput);
            }
        }

        private static Long parameters(Model model) {
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
