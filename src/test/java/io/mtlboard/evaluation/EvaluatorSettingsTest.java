package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.FashionMnist;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How an evaluation runs never changes what it measures: a pure scoring pass (no efficiency runs)
 * and a given libtorch thread count give the same metrics as the worker's default evaluation, and
 * the thread count is restored afterwards.
 */
class EvaluatorSettingsTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static BenchmarkManifest manifest;
    private static BenchmarkDataset test;

    @BeforeAll
    static void open() throws Exception {
        manifest = BundledData.manifest("multifashion");
        test = BundledData.shipped(manifest, "test");
    }

    private static EvaluationResult evaluate(int samples, ModelEvaluator.Settings settings)
            throws ModelFault {
        return new ModelEvaluator()
                .evaluate(
                        MODELS.resolve("multifashion-good.pt"),
                        DeviceSelector.CPU,
                        manifest,
                        test.head(samples),
                        Map.of(),
                        Map.of(),
                        List.of(),
                        settings,
                        (done, total) -> {},
                        r -> {});
    }

    /** The CLI's pure scoring pass with one thread. */
    private static EvaluationRequest request(String model) {
        return new EvaluationRequest(
                model,
                "benchmarks-data",
                "multifashion",
                "cpu",
                Map.of(),
                Map.of(),
                "target/unused",
                FashionMnist.DEBIAN_DIR,
                null,
                false,
                null,
                1,
                false);
    }

    @Test
    void shouldScoreTheSameWithoutTheEfficiencyRuns() throws Exception {
        EvaluationResult measured = evaluate(1000, ModelEvaluator.Settings.DEFAULT);
        EvaluationResult scored = evaluate(1000, new ModelEvaluator.Settings(null, false));

        assertThat(scored.measured()).isEqualTo(measured.measured());
        assertThat(scored.latencyMs()).isNull();
        assertThat(scored.throughput()).isNull();
        assertThat(scored.parameterCount()).isEqualTo(measured.parameterCount()).isPositive();
        assertThat(measured.latencyMs()).isPositive();
        assertThat(measured.throughput()).isPositive();
        assertThat(scored.scoringSeconds()).isPositive().isLessThanOrEqualTo(scored.seconds());
    }

    @Test
    void shouldMeasureTheExampleModelAsPublishedWithOneThreadAndRestoreTheDefault()
            throws Exception {
        Engine.getEngine("PyTorch");
        int before = JniUtils.getNumThreads();
        EvaluationResult r =
                new ModelEvaluator()
                        .evaluate(request("clients/python/examples/model.pt"), (d, t) -> {});

        assertThat(r.measured()).isEqualTo(Map.of("left.accuracy", 66.5, "right.accuracy", 60.31));
        assertThat(r.samples()).isEqualTo(10_000);
        assertThat(r.latencyMs()).isNull();
        assertThat(JniUtils.getNumThreads()).isEqualTo(before);
    }

    @Test
    void shouldCapTheCorruptedPassesAtTheRequestedThreadsAndLeaveACoreToTheReader() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(CorruptionSweep.threads(null)).isEqualTo(Math.max(1, cores - 1));
        assertThat(CorruptionSweep.threads(1)).isEqualTo(1);
        assertThat(CorruptionSweep.threads(1000)).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void shouldLoadTheEngineOnceWhoeverAsksFirst() {
        assertThat(ModelLoader.start().join()).isSameAs(Engine.getEngine("PyTorch"));
        assertThat(ModelLoader.start()).isSameAs(ModelLoader.start());
    }

    @Test
    void shouldRejectAFileThatIsNoModelWhileTheTestSplitIsRead() {
        assertThatThrownBy(
                        () ->
                                new ModelEvaluator()
                                        .evaluate(
                                                request(MODELS.resolve("truncated.pt").toString()),
                                                (d, t) -> {}))
                .isInstanceOf(ModelFault.class)
                .hasMessageStartingWith("the model could not be loaded as TorchScript: ");
    }

    @Test
    void shouldMeasureEfficiencyWithTheDefaultThreadsForARequestThatDoesNotSay() throws Exception {
        EvaluationRequest r =
                new ObjectMapper()
                        .readValue(
                                "{\"model\": \"m.pt\", \"benchmark\": \"multifashion\","
                                        + " \"robustness\": true}",
                                EvaluationRequest.class);
        assertThat(r.efficiency()).isTrue();
        assertThat(r.threads()).isNull();
        assertThat(
                        new ObjectMapper()
                                .readValue(
                                        new ObjectMapper().writeValueAsString(request("m.pt")),
                                        EvaluationRequest.class))
                .isEqualTo(request("m.pt"));
    }
}
