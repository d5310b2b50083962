package io.mtlboard.evaluation;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.benchmark.data.BenchmarkData;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates a TorchScript model on a benchmark's test split with DJL's PyTorch engine: scores it
 * with the {@link SplitScorer} (output contract of every batch, streaming metrics), compares the
 * metrics with the claims and measures efficiency, which settles the verdict. Then it measures the
 * diagnostics, which never change the verdict: FD on the test split when the artifact exports
 * {@code encode}/{@code decode} ({@link TestSplitFd}) and, when asked, every metric on the
 * corrupted copies of the test split, 40 by default ({@link CorruptionSweep}). A plain class: the
 * sandboxed process and the CLI both call it.
 */
public final class ModelEvaluator {

    /** Receives progress in samples. */
    public interface Progress {
        void update(long done, long total);
    }

    /** Version of the evaluation procedure, recorded with every evaluation. */
    public static final String VERSION = "1";

    private static final int LATENCY_RUNS = 30;

    /**
     * Evaluates the request.
     *
     * @throws ModelFault when the model cannot be loaded, rejects the input or breaks the contract
     * @throws IOException when the benchmark's data cannot be read (an infrastructure failure)
     */
    public EvaluationResult evaluate(EvaluationRequest req, Progress progress)
            throws ModelFault, IOException {
        return evaluate(req, progress, r -> {});
    }

    /**
     * Evaluates the request; {@code interim} receives the result as soon as the verdict is known and
     * again after each diagnostic, so that a caller keeps the verdict if the diagnostics never end.
     * Progress counts the clean pass and, with robustness, the corrupted passes.
     *
     * @throws ModelFault when the model cannot be loaded, rejects the input or breaks the contract
     * @throws IOException when the benchmark's data cannot be read (an infrastructure failure)
     */
    public EvaluationResult evaluate(
            EvaluationRequest req, Progress progress, Consumer<EvaluationResult> interim)
            throws ModelFault, IOException {
        long start = System.nanoTime();
        ModelLoader.start();
        Path benchmarks = Path.of(req.benchmarksDir());
        BenchmarkManifest manifest =
                BenchmarkManifestReader.read(
                        benchmarks.resolve(req.benchmark()).resolve("benchmark.json"));
        // the model loads (after the engine) while the test split is read
        CompletableFuture<ModelLoader.Loaded> loading =
                ModelLoader.load(Path.of(req.model()), req.device());
        BenchmarkDataset data;
        try {
            data = BenchmarkData.open(manifest, testSplit(manifest), locations(req));
        } catch (IOException | RuntimeException e) {
            ModelLoader.discard(loading);
            throw e;
        }
        ModelLoader.Loaded loaded = ModelLoader.await(loading);
        List<Corruption> corruptions =
                req.robustness() ? CorruptionSweep.corruptions(req.corruptions()) : List.of();
        int defaultThreads = JniUtils.getNumThreads();
        if (req.threads() != null) {
            JniUtils.setNumThreads(req.threads());
        }
        try {
            return evaluate(
                            loaded.model(),
                            Path.of(req.model()),
                            loaded.device(),
                            manifest,
                            data,
                            req.claims(),
                            req.tolerances(),
                            corruptions,
                            new Settings(req.threads(), req.efficiency()),
                            progress,
                            r -> interim.accept(r.withSeconds(seconds(start))))
                    .withSeconds(seconds(start));
        } finally {
            if (req.threads() != null) {
                JniUtils.setNumThreads(defaultThreads);
            }
        }
    }

    /**
     * How an evaluation runs beside what it scores.
     *
     * @param threads libtorch's intra-op threads set for it, or null for the default; caps the
     *     threads of the corrupted passes
     * @param efficiency whether to measure latency and throughput after scoring
     */
    record Settings(Integer threads, boolean efficiency) {

        /** libtorch's default threads, efficiency measured: what the worker does. */
        static final Settings DEFAULT = new Settings(null, true);
    }

    /**
     * As {@link #evaluate(Path, String, BenchmarkManifest, BenchmarkDataset, Map, Map, List,
     * Settings, Progress, Consumer)} with the {@link Settings#DEFAULT default settings}.
     */
    EvaluationResult evaluate(
            Path file,
            String device,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            List<Corruption> corruptions,
            Progress progress,
            Consumer<EvaluationResult> interim)
            throws ModelFault {
        return evaluate(
                file,
                device,
                manifest,
                data,
                claims,
                tolerances,
                corruptions,
                Settings.DEFAULT,
                progress,
                interim);
    }

    /**
     * Evaluates a TorchScript file on {@code data} (the test split, or part of it in tests): the
     * verdict, then the diagnostics.
     *
     * @param device {@link DeviceSelector#CPU} or {@link DeviceSelector#GPU}
     * @param corruptions the corruptions of the robustness passes; none when robustness is off
     */
    EvaluationResult evaluate(
            Path file,
            String device,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            List<Corruption> corruptions,
            Settings settings,
            Progress progress,
            Consumer<EvaluationResult> interim)
            throws ModelFault {
        return evaluate(
                load(file, device(device), false),
                file,
                device,
                manifest,
                data,
                claims,
                tolerances,
                corruptions,
                settings,
                progress,
                interim);
    }

    /** The evaluation of a model loaded from {@code file} for scoring, which it closes. */
    private EvaluationResult evaluate(
            ZooModel<NDList, NDList> loaded,
            Path file,
            String device,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            List<Corruption> corruptions,
            Settings settings,
            Progress progress,
            Consumer<EvaluationResult> interim)
            throws ModelFault {
        long clean = data.size();
        long total = clean * (1 + CorruptionSweep.conditions(corruptions));
        try (ZooModel<NDList, NDList> model = loaded) {
            EvaluationResult verdict;
            try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
                verdict =
                        evaluate(
                                new Subject(model, predictor, device),
                                manifest,
                                data,
                                claims,
                                tolerances,
                                settings.efficiency(),
                                (done, t) -> progress.update(done, total));
            }
            interim.accept(verdict);
            return diagnose(
                    corruptions,
                    CorruptionSweep.threads(settings.threads()),
                    manifest,
                    data,
                    model,
                    () ->
                            TestSplitFd.measure(
                                    manifest,
                                    data,
                                    model.getBlock(),
                                    () -> load(file, device(device), true)),
                    verdict,
                    interim,
                    (done, t) -> progress.update(clean + done, total));
        }
    }

    static Device device(String name) {
        return DeviceSelector.GPU.equals(name) ? Device.gpu(0) : Device.cpu();
    }

    /**
     * The verdict with the diagnostics: FD first (short), then the corrupted passes (long). Nothing
     * here throws for what the model does: whatever fails is a note.
     */
    private static EvaluationResult diagnose(
            List<Corruption> corruptions,
            int sweepThreads,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            ZooModel<NDList, NDList> model,
            Supplier<TestSplitFd.Outcome> testFd,
            EvaluationResult verdict,
            Consumer<EvaluationResult> interim,
            Progress corruptedProgress) {
        List<String> notes = new ArrayList<>();
        Double fd = null;
        Double entropy = null;
        try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
            TestSplitFd.Outcome outcome = testFd.get();
            notes.add(outcome.note());
            fd = outcome.result() == null ? null : outcome.result().fd();
            entropy = outcome.result() == null ? null : outcome.result().meanEntropy();
            if (corruptions.isEmpty()) {
                notes.add(
                        "robustness not measured: switched off (mtlboard.worker.robustness=false)");
                return verdict.withDiagnostics(
                        new EvaluationDiagnostics(fd, entropy, List.of()), notes);
            }
            interim.accept(
                    verdict.withDiagnostics(
                            new EvaluationDiagnostics(fd, entropy, List.of()), notes));
            CorruptionSweep.Outcome sweep =
                    CorruptionSweep.run(
                            manifest,
                            data,
                            corruptions,
                            SplitScorer.of(predictor),
                            model.getNDManager(),
                            corruptedProgress,
                            sweepThreads);
            notes.addAll(sweep.notes());
            return verdict.withDiagnostics(
                    new EvaluationDiagnostics(fd, entropy, sweep.measured()), notes);
        } catch (RuntimeException e) {
            notes.add(
                    "diagnostics stopped: " + ModelErrors.brief(e) + "; the verdict is unaffected");
            return verdict.withDiagnostics(
                    new EvaluationDiagnostics(fd, entropy, List.of()), notes);
        }
    }

    /**
     * The worker's corrupted-split sweep (the corruptions named, all of METRICS.md §7 when null, at
     * severities 1–5 on the whole of {@code data}) for a loaded model, as the reference trainer
     * measures its models; notes on skipped conditions are added to {@code notes}.
     */
    public static List<EvaluationDiagnostics.Corrupted> corruptedSplits(
            Subject subject,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            List<String> corruptions,
            List<String> notes,
            Progress progress) {
        CorruptionSweep.Outcome sweep =
                CorruptionSweep.run(
                        manifest,
                        data,
                        CorruptionSweep.corruptions(corruptions),
                        SplitScorer.of(subject.predictor()),
                        subject.model().getNDManager(),
                        progress);
        notes.addAll(sweep.notes());
        return sweep.measured();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Evaluates a loaded model on {@code data} (the benchmark's test split): the core shared by
     * submitted TorchScript models and the reference trainer's DJL blocks, so both are scored,
     * checked and measured the same way.
     *
     * @param claims claimed value per metric key; empty for a plain measurement (verdict MEASURED)
     * @throws ModelFault when the model rejects the input or breaks the output contract
     */
    public EvaluationResult evaluate(
            Subject subject,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            Progress progress)
            throws ModelFault {
        return evaluate(subject, manifest, data, claims, tolerances, true, progress);
    }

    /**
     * As {@link #evaluate(Subject, BenchmarkManifest, BenchmarkDataset, Map, Map, Progress)};
     * without {@code efficiency}, latency and throughput are not measured (null).
     */
    EvaluationResult evaluate(
            Subject subject,
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            boolean efficiency,
            Progress progress)
            throws ModelFault {
        long start = System.nanoTime();
        Map<String, Double> measured = new SplitScorer(manifest).score(subject, data, progress);
        double scoring = seconds(start);
        Efficiency eff =
                efficiency
                        ? Efficiency.measure(
                                subject,
                                new SplitBatches(manifest, data),
                                Math.min(SplitScorer.BATCH, data.size()),
                                LATENCY_RUNS)
                        : Efficiency.parametersOnly(subject.model());
        ClaimCheck.Outcome outcome =
                claims.isEmpty()
                        ? new ClaimCheck.Outcome(Map.of(), "MEASURED")
                        : ClaimCheck.compare(claims, measured, tolerances);
        Engine engine = subject.model().getNDManager().getEngine();
        String engineName =
                engine.getEngineName()
                        + " "
                        + engine.getVersion()
                        + " (DJL "
                        + Engine.getDjlVersion()
                        + ")";
        return new EvaluationResult(
                outcome.verdict(),
                null,
                subject.device(),
                engineName,
                measured,
                outcome.agrees(),
                eff.parameters(),
                eff.latencyMs(),
                eff.throughput(),
                data.size(),
                seconds(start),
                scoring,
                null,
                List.of());
    }

    /** The name of the split with role {@code test}. */
    public static String testSplit(BenchmarkManifest manifest) {
        return manifest.testSplit()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "benchmark " + manifest.id() + " declares no test split"))
                .name();
    }

    private static DataLocations locations(EvaluationRequest req) {
        Path dataDir = Path.of(req.dataDir() == null ? "data" : req.dataDir());
        return new DataLocations(
                Path.of(req.benchmarksDir()),
                Path.of(
                        req.fashionMnistDir() == null
                                ? FashionMnist.DEBIAN_DIR
                                : req.fashionMnistDir()),
                req.externalDir() == null
                        ? dataDir.resolve("external")
                        : Path.of(req.externalDir()),
                dataDir.resolve("cache"));
    }

    /**
     * Loads a TorchScript file.
     *
     * @param gradients whether gradients can flow through the parameters; otherwise DJL loads them as
     *     inference tensors, which is faster but refuses autograd
     */
    static ZooModel<NDList, NDList> load(Path file, Device device, boolean gradients)
            throws ModelFault {
        return ModelLoader.load(file, device, gradients);
    }

    /**
     * A model ready to evaluate: a DJL model (a loaded TorchScript file or a trained block), a
     * predictor of it taking a normalized input batch and returning one output per task, and the
     * device it runs on.
     */
    public record Subject(Model model, Predictor<NDList, NDList> predictor, String device) {}
}
