package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.repository.zoo.ZooModel;
import io.mtlboard.analysis.robustness.Condition;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worker's diagnostics on the TorchScript fixtures, without Quarkus: FD on the test split
 * against an independent computation, its refusals, and the corrupted passes (all 40 conditions,
 * seeded, non-finite conditions skipped without touching the verdict). Parts of the test split keep
 * it fast; the worker measures the whole split.
 */
class DiagnosticsTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static BenchmarkManifest manifest;
    private static BenchmarkDataset test;

    @BeforeAll
    static void open() throws Exception {
        manifest = BundledData.manifest("multifashion");
        test = BundledData.shipped(manifest, "test");
    }

    private static ZooModel<NDList, NDList> load(String file) throws ModelFault {
        return ModelEvaluator.load(MODELS.resolve(file), Device.cpu(), false);
    }

    private static TestSplitFd.Outcome fd(String file, int samples) throws Exception {
        try (ZooModel<NDList, NDList> model = load(file)) {
            return TestSplitFd.measure(
                    manifest,
                    test.head(samples),
                    model.getBlock(),
                    () -> ModelEvaluator.load(MODELS.resolve(file), Device.cpu(), true));
        }
    }

    private static EvaluationResult evaluate(
            String file,
            int samples,
            boolean robustness,
            List<long[]> progress,
            List<EvaluationResult> interim)
            throws Exception {
        return new ModelEvaluator()
                .evaluate(
                        MODELS.resolve(file),
                        DeviceSelector.CPU,
                        manifest,
                        test.head(samples),
                        Map.of(),
                        Map.of(),
                        robustness ? List.of(Corruption.values()) : List.of(),
                        (done, total) -> progress.add(new long[] {done, total}),
                        interim::add);
    }

    @Test
    void shouldMeasureFdOfTheEncodeDecodeFixtureAsTheRawGradientsGiveIt() throws Exception {
        int n = 100;
        TestSplitFd.Outcome outcome = fd("multifashion-encdec.pt", n);
        assertThat(outcome.result()).as(outcome.note()).isNotNull();
        assertThat(outcome.result().fd()).isBetween(0.0, 1.0);

        double[] expected = independentFd(n);
        assertThat(outcome.result().fd()).isCloseTo(expected[0], within(1e-4));
        assertThat(outcome.result().meanEntropy()).isCloseTo(expected[1], within(1e-4));
        assertThat((double) outcome.result().elements()).isEqualTo(expected[2]);
        assertThat(outcome.note())
                .contains("FD on the test split")
                .contains("first 100 of 100 samples");
    }

    /**
     * FD, mean entropy and counted elements of the fixture on the first {@code n} samples, from
     * gradients written out by hand: the heads are linear, so with p = softmax(W z + b) the
     * gradient of the mean cross-entropy is ∂L/∂z_i = Wᵀ (p_i − onehot(y_i)) / n. z comes from the
     * exported encode, called through DJL's own method runner.
     */
    private static double[] independentFd(int n) throws Exception {
        try (ZooModel<NDList, NDList> model = load("multifashion-encdec.pt");
                NDManager scope = model.getNDManager().newSubManager()) {
            PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
            float[] x = new float[n * 784];
            for (int i = 0; i < n; i++) {
                float[] raw = test.get(i).input();
                for (int p = 0; p < 784; p++) {
                    x[i * 784 + p] = raw[p] / 255f;
                }
            }
            NDArray input = scope.create(x, new Shape(n, 1, 28, 28));
            float[] z;
            try (IValue in = IValue.from((PtNDArray) input);
                    IValue out = IValueUtils.runMethod(block, "encode", in)) {
                z = out.toTensor((PtNDManager) scope).toFloatArray();
            }
            int d = z.length / n;
            double[][] g = new double[2][];
            String[] heads = {"left", "right"};
            for (int t = 0; t < 2; t++) {
                float[] w =
                        block.getParameters().get(heads[t] + ".weight").getArray().toFloatArray();
                float[] b = block.getParameters().get(heads[t] + ".bias").getArray().toFloatArray();
                g[t] = headGradient(w, b, z, n, d, t);
            }
            double entropy = 0;
            long elements = 0;
            for (int e = 0; e < n * d; e++) {
                double a = Math.abs(g[0][e]);
                double c = Math.abs(g[1][e]);
                if (a + c > 0) {
                    double h = 0;
                    for (double s : new double[] {a, c}) {
                        double p = s / (a + c);
                        h -= p > 0 ? p * Math.log(p) : 0;
                    }
                    entropy += h;
                    elements++;
                }
            }
            double mean = entropy / elements;
            return new double[] {1 - mean / Math.log(2), mean, elements};
        }
    }

    private static double[] headGradient(float[] w, float[] b, float[] z, int n, int d, int task) {
        int k = b.length;
        double[] g = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                logits[c] = b[c];
                for (int j = 0; j < d; j++) {
                    logits[c] += (double) w[c * d + j] * z[i * d + j];
                }
                max = Math.max(max, logits[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                logits[c] = Math.exp(logits[c] - max);
                sum += logits[c];
            }
            int label = (int) test.get(i).targets().get(task)[0];
            for (int c = 0; c < k; c++) {
                double upstream = (logits[c] / sum - (c == label ? 1 : 0)) / n;
                for (int j = 0; j < d; j++) {
                    g[i * d + j] += w[c * d + j] * upstream;
                }
            }
        }
        return g;
    }

    @Test
    void shouldGiveFdOneWhenEachTaskReadsItsOwnElementsOfZ() throws Exception {
        TestSplitFd.Outcome outcome = fd("encdec-disjoint.pt", 150);
        assertThat(outcome.result()).as(outcome.note()).isNotNull();
        assertThat(outcome.result().fd()).isCloseTo(1.0, within(1e-12));
        assertThat(outcome.result().meanEntropy()).isCloseTo(0.0, within(1e-12));
        assertThat(outcome.result().elements()).isEqualTo(150 * 20);
    }

    @ParameterizedTest
    @CsvSource({
        "multifashion-good.pt, does not export encode(x) and decode(z)",
        "encdec-wrong-count.pt, decode(z) does not meet the output contract: the model returned 1 output(s)",
        "encdec-mismatch.pt, decode(encode(x)) differs from forward(x) on the first batch",
        "encdec-bad-signature.pt, encode/decode failed"
    })
    void shouldSkipFdWithItsReasonAndKeepTheVerdict(String file, String reason) throws Exception {
        TestSplitFd.Outcome outcome = fd(file, 100);
        assertThat(outcome.result()).isNull();
        assertThat(outcome.note())
                .startsWith("FD not measured: ")
                .contains(reason)
                .endsWith("the verdict is unaffected");

        EvaluationResult r = evaluate(file, 100, false, new ArrayList<>(), new ArrayList<>());
        assertThat(r.verdict()).isEqualTo("MEASURED");
        assertThat(r.diagnostics().testFd()).isNull();
        assertThat(r.diagnostics().corrupted()).isEmpty();
        assertThat(r.notes())
                .anyMatch(note -> note.contains(reason))
                .contains(
                        "robustness not measured: switched off (mtlboard.worker.robustness=false)");
    }

    @Test
    void shouldScoreAllFortyCorruptedConditionsOfAModelWithoutEncodeDecode() throws Exception {
        int n = 200;
        List<long[]> progress = new ArrayList<>();
        List<EvaluationResult> interim = new ArrayList<>();
        EvaluationResult r = evaluate("multifashion-good.pt", n, true, progress, interim);

        assertThat(r.verdict()).isEqualTo("MEASURED");
        assertThat(r.diagnostics().testFd()).isNull();
        Map<Condition, Map<String, Double>> byCondition = byCondition(r.diagnostics());
        Set<Condition> all =
                Stream.of(Corruption.values())
                        .flatMap(c -> Stream.of(1, 2, 3, 4, 5).map(s -> new Condition(c.id(), s)))
                        .collect(Collectors.toSet());
        assertThat(byCondition.keySet()).hasSize(40).isEqualTo(all);
        byCondition
                .values()
                .forEach(m -> assertThat(m).containsOnlyKeys("left.accuracy", "right.accuracy"));
        double clean = r.measured().get("left.accuracy");
        assertThat(byCondition.get(new Condition("gaussian_noise", 5)).get("left.accuracy"))
                .isLessThan(clean);
        assertThat(r.notes())
                .anyMatch(
                        note ->
                                note.startsWith(
                                        "robustness: 40 of 40 corrupted passes over the whole "
                                                + "test split (200 samples each, corruption seed 7411)"));

        long total = 41L * n;
        assertThat(progress).allMatch(p -> p[1] == total);
        assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(total);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
        assertThat(interim).hasSizeGreaterThanOrEqualTo(2);
        assertThat(interim.get(0).diagnostics()).as("the verdict comes first, alone").isNull();
        assertThat(interim.get(0).verdict()).isEqualTo("MEASURED");
    }

    @Test
    void shouldCorruptTheSameWayInEveryEvaluation() throws Exception {
        try (ZooModel<NDList, NDList> model = load("multifashion-good.pt");
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            List<Corruption> all = CorruptionSweep.corruptions(null);
            List<EvaluationDiagnostics.Corrupted> once =
                    CorruptionSweep.run(
                                    manifest,
                                    test.head(100),
                                    all,
                                    SplitScorer.of(predictor),
                                    model.getNDManager(),
                                    (d, t) -> {})
                            .measured();
            List<EvaluationDiagnostics.Corrupted> again =
                    CorruptionSweep.run(
                                    manifest,
                                    test.head(100),
                                    all,
                                    SplitScorer.of(predictor),
                                    model.getNDManager(),
                                    (d, t) -> {})
                            .measured();
            assertThat(again).hasSize(80).isEqualTo(once);
        }
    }

    @Test
    void shouldScoreOnlyTheConfiguredCorruptions() throws Exception {
        List<long[]> progress = new ArrayList<>();
        EvaluationResult r =
                new ModelEvaluator()
                        .evaluate(
                                MODELS.resolve("multifashion-good.pt"),
                                DeviceSelector.CPU,
                                manifest,
                                test.head(100),
                                Map.of(),
                                Map.of(),
                                CorruptionSweep.corruptions(List.of("contrast", " jpeg")),
                                (done, total) -> progress.add(new long[] {done, total}),
                                x -> {});
        assertThat(byCondition(r.diagnostics()).keySet())
                .extracting(Condition::corruption)
                .containsOnly("contrast", "jpeg")
                .hasSize(10);
        assertThat(progress.get(progress.size() - 1)).containsExactly(1100, 1100);
        assertThat(r.notes())
                .anyMatch(
                        n ->
                                n.startsWith(
                                        "robustness: 10 of 10 corrupted passes over the whole test "
                                                + "split (100 samples each, corruption seed 7411; only [contrast, jpeg])"));
    }

    @Test
    void shouldSkipCorruptedConditionsWithNonFiniteOutputsAndKeepTheVerdict() throws Exception {
        EvaluationResult r =
                evaluate("nan-when-corrupted.pt", 200, true, new ArrayList<>(), new ArrayList<>());

        assertThat(r.verdict()).as("finite on every clean image").isEqualTo("MEASURED");
        Map<Condition, Map<String, Double>> byCondition = byCondition(r.diagnostics());
        for (int s = 1; s <= 5; s++) {
            assertThat(byCondition).doesNotContainKey(new Condition("brightness", s));
            assertThat(r.notes())
                    .anyMatch(
                            note ->
                                    note.startsWith("robustness: brightness at severity ")
                                            && note.contains("skipped, nothing recorded for it")
                                            && note.contains("NaN"));
        }
        assertThat(r.notes())
                .anyMatch(
                        note ->
                                note.startsWith("robustness: ")
                                        && note.contains(
                                                "skipped (see above), "
                                                        + "the verdict is unaffected"));
        assertThat(byCondition)
                .as("the conditions that leave the corner dark are measured")
                .isNotEmpty();
    }

    @Test
    void shouldMeasureFdAndRobustnessOfTheEncodeDecodeModel() throws Exception {
        EvaluationResult r =
                evaluate("multifashion-encdec.pt", 100, true, new ArrayList<>(), new ArrayList<>());
        assertThat(r.diagnostics().testFd()).isBetween(0.0, 1.0);
        assertThat(r.diagnostics().testFdMeanEntropy()).isBetween(0.0, Math.log(2));
        assertThat(byCondition(r.diagnostics())).hasSize(40);
    }

    private static Map<Condition, Map<String, Double>> byCondition(EvaluationDiagnostics d) {
        return d.corrupted().stream()
                .collect(
                        Collectors.groupingBy(
                                c -> new Condition(c.corruption(), c.severity()),
                                Collectors.toMap(
                                        EvaluationDiagnostics.Corrupted::metricKey,
                                        EvaluationDiagnostics.Corrupted::measured)));
    }
}
