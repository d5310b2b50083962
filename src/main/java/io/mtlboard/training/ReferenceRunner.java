package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.evaluation.ClaimCheck;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.evaluation.EvaluationResult;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.evaluation.ModelFault;
import io.mtlboard.training.method.MtlMethods;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one reference run end to end: trains it, evaluates the trained networks on the test split
 * with {@link ModelEvaluator} (the evaluator of submissions: output contract, metrics, efficiency),
 * takes the measured metrics as the run's claims and verifies them as a submission's claims are
 * verified, and returns the run bundle.
 */
final class ReferenceRunner {

    private final ReferenceData data;
    private final TrainingSettings settings;
    private final Map<String, Object> protocol;
    private boolean diagnose;
    private List<String> corruptions;
    private RunCheckpoint checkpoint;

    ReferenceRunner(ReferenceData data, TrainingSettings settings) {
        this(data, settings, null);
    }

    /** @param protocol what the bundle stores about the run's protocol ({@link ReferenceProtocol#summary()}), or null */
    ReferenceRunner(ReferenceData data, TrainingSettings settings, Map<String, Object> protocol) {
        this.data = data;
        this.settings = settings;
        this.protocol = protocol;
    }

    /** Resumes the training from {@code checkpoint} and keeps it after every epoch (null: none). */
    ReferenceRunner withCheckpoint(RunCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
        return this;
    }

    /** Also measures the diagnostics (corrupted-split sweep, test-split FD) and stores them in the bundle. */
    ReferenceRunner withDiagnostics(boolean on) {
        return withDiagnostics(on, null);
    }

    /** As {@link #withDiagnostics(boolean)}, with only the corruptions named (all when null). */
    ReferenceRunner withDiagnostics(boolean on, List<String> corruptionIds) {
        this.diagnose = on;
        this.corruptions = corruptionIds;
        return this;
    }

    RunBundle run(RunSpec spec, Trainer.Progress progress, ModelEvaluator.Progress testProgress) {
        OffsetDateTime started = OffsetDateTime.now();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Trainer.Outcome trained =
                    new Trainer(data, settings, progress).train(spec, manager, checkpoint);
            EvaluationResult measured;
            Map<String, Object> diagnostics = null;
            try (TrainedModel model = new TrainedModel(trained.nets())) {
                measured =
                        new ModelEvaluator()
                                .evaluate(
                                        model.subject(),
                                        data.manifest,
                                        data.test,
                                        Map.of(),
                                        Map.of(),
                                        testProgress);
                if (diagnose) {
                    long start = System.nanoTime();
                    List<String> notes = new ArrayList<>();
                    List<EvaluationDiagnostics.Corrupted> corrupted =
                            ModelEvaluator.corruptedSplits(
                                    model.subject(),
                                    data.manifest,
                                    data.test,
                                    corruptions,
                                    notes,
                                    (d, t) -> {});
                    var fd =
                            ReferenceDiagnostics.testFd(
                                    trained.nets(), data.manifest, data.testSet(), manager);
                    diagnostics =
                            ReferenceDiagnostics.toMap(
                                    fd,
                                    corrupted,
                                    notes,
                                    data.test.size(),
                                    (System.nanoTime() - start) / 1e9);
                }
            } catch (ModelFault fault) {
                throw new IllegalStateException(
                        "a trained network broke the output contract: " + fault.getMessage(),
                        fault);
            }
            ClaimCheck.Outcome verified =
                    ClaimCheck.compare(measured.measured(), measured.measured(), tolerances());
            EvaluationResult evaluation =
                    new EvaluationResult(
                            verified.verdict(),
                            null,
                            measured.device(),
                            measured.engine(),
                            measured.measured(),
                            verified.agrees(),
                            measured.parameterCount(),
                            measured.latencyMs(),
                            measured.throughput(),
                            measured.samples(),
                            measured.seconds(),
                            measured.scoringSeconds(),
                            null,
                            List.of());
            return new RunBundle(
                    spec,
                    hyperParameters(spec),
                    measured.measured(),
                    trained.log(),
                    evaluation,
                    trained.seconds(),
                    started,
                    OffsetDateTime.now(),
                    protocol,
                    trained.convergence(),
                    diagnostics,
                    trained.resumedAfter(),
                    trained.codeSegments());
        }
    }

    private Map<String, ClaimCheck.Tolerance> tolerances() {
        Map<String, ClaimCheck.Tolerance> t = new LinkedHashMap<>();
        for (BenchmarkManifest.TaskSpec task : data.manifest.tasks()) {
            task.metrics()
                    .forEach(
                            m ->
                                    t.put(
                                            task.name() + "." + m.name(),
                                            new ClaimCheck.Tolerance(
                                                    m.tolerance().abs(), m.tolerance().rel())));
        }
        return t;
    }

    /** The method's hyper-parameters (defaults of METHODS.md) and the training settings. */
    private Map<String, Object> hyperParameters(RunSpec spec) {
        Map<String, Object> h = new LinkedHashMap<>();
        if (!spec.singleTask()) {
            h.putAll(MtlMethods.defaults(spec.method()));
        }
        h.put("lr", settings.lr());
        if (spec.optimizer().equals("sgd")) {
            h.put("momentum", settings.sgdMomentum());
        }
        if (spec.level() == GradientLevel.FEATURE) {
            h.put("featureGradients", settings.featureGradients().id());
        }
        h.put("checkpoint", settings.bestValidation() ? "best-validation" : "last");
        if (settings.lrSchedule() != LrSchedule.CONSTANT) {
            h.put("lrSchedule", settings.lrSchedule().id());
        }
        if (settings.lossScales() != null || settings.frozenEncoder()) {
            Map<String, Double> scales = new LinkedHashMap<>();
            for (int t = 0; t < data.manifest.tasks().size(); t++) {
                scales.put(
                        data.manifest.tasks().get(t).name(),
                        settings.lossScales() == null ? 1.0 : settings.lossScales()[t]);
            }
            h.put("lossScales", scales);
            h.put("frozenEncoder", settings.frozenEncoder());
        }
        if (protocol != null) {
            h.put("protocol", protocol.get("id"));
        }
        h.put("batchSize", settings.batchSize());
        h.put("epochs", settings.epochs());
        h.put("trainSplit", settings.trainSplit());
        h.put("trainSamples", settings.trainSamples());
        h.put("validationSamples", settings.validationSamples());
        h.put("indicatorsEverySteps", settings.logEvery());
        return h;
    }
}
