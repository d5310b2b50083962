package io.mtlboard.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mtlboard evaluate}: evaluates a TorchScript model on a bundled benchmark's test split with
 * the same evaluator as the server and prints the same numbers, with a progress bar.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a TorchScript model on a benchmark's test split, as the server's worker does.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "TorchScript file (torch.jit.save)")
    Path model;

    @Option(names = "--benchmark", required = true, description = "benchmark id, e.g. multifashion")
    String benchmark;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--manifest", description = "run manifest whose claims to verify (optional)")
    Path manifest;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(
            names = "--robustness",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "also score the 40 corrupted copies of the test split (--no-robustness skips them)")
    boolean robustness;

    @Option(
            names = "--benchmarks-dir",
            defaultValue = "benchmarks-data",
            description = "default: ${DEFAULT-VALUE}")
    Path benchmarksDir;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "cache of generated splits; default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(
            names = "--fashion-mnist-dir",
            defaultValue = FashionMnist.DEBIAN_DIR,
            description = "original Fashion-MNIST files; default: ${DEFAULT-VALUE}")
    Path fashionMnistDir;

    @Override
    public Integer call() throws Exception {
        System.setProperty("offline", "true");
        ObjectMapper mapper =
                new ObjectMapper()
                        .findAndRegisterModules()
                        .enable(SerializationFeature.INDENT_OUTPUT);
        BenchmarkManifest bm =
                BenchmarkManifestReader.read(
                        benchmarksDir.resolve(benchmark).resolve("benchmark.json"));
        Map<String, Double> claims = new LinkedHashMap<>();
        Map<String, ClaimCheck.Tolerance> tolerances = new LinkedHashMap<>();
        bm.tasks()
                .forEach(
                        t ->
                                t.metrics()
                                        .forEach(
                                                m ->
                                                        tolerances.put(
                                                                t.name() + "." + m.name(),
                                                                new ClaimCheck.Tolerance(
                                                                        m.tolerance().abs(),
                                                                        m.tolerance().rel()))));
        if (manifest != null) {
            JsonNode doc = mapper.readTree(Files.readString(manifest));
            doc.path("claims")
                    .fields()
                    .forEachRemaining(e -> claims.put(e.getKey(), e.getValue().asDouble()));
        }
        ProgressBar bar = new ProgressBar();
        EvaluationResult r;
        try {
            r =
                    new ModelEvaluator()
                            .evaluate(
                                    new EvaluationRequest(
                                            model.toString(),
                                            benchmarksDir.toString(),
                                            benchmark,
                                            device,
                                            claims,
                                            tolerances,
                                            dataDir.toString(),
                                            fashionMnistDir.toString(),
                                            null,
                                            robustness,
                                            null),
                                    bar::update);
        } catch (ModelFault fault) {
            r = EvaluationResult.rejected(fault.getMessage(), null, null, 0, bar.seconds());
        }
        bar.finish();
        if (json) {
            System.out.println(mapper.writeValueAsString(r));
        } else {
            print(r, claims);
        }
        return "REJECTED".equals(r.verdict()) ? 2 : "DISCREPANT".equals(r.verdict()) ? 1 : 0;
    }

    private static void print(EvaluationResult r, Map<String, Double> claims) {
        System.out.printf(
                Locale.ROOT,
                "verdict: %s%s%n",
                r.verdict(),
                r.reason() == null ? "" : " — " + r.reason());
        if (r.device() != null) {
            System.out.printf(
                    Locale.ROOT,
                    "device: %s, %s, %d samples in %.1f s%n",
                    r.device(),
                    r.engine(),
                    r.samples(),
                    r.seconds());
        }
        r.measured()
                .forEach(
                        (k, v) ->
                                System.out.printf(
                                        Locale.ROOT,
                                        "  %-24s %10.4f%s%n",
                                        k,
                                        v,
                                        claims.containsKey(k)
                                                ? String.format(
                                                        Locale.ROOT,
                                                        "   claimed %.4f %s",
                                                        claims.get(k),
                                                        Boolean.TRUE.equals(r.agrees().get(k))
                                                                ? "(agrees)"
                                                                : "(DISAGREES)")
                                                : ""));
        if (r.latencyMs() != null) {
            System.out.printf(
                    Locale.ROOT,
                    "parameters: %s, latency at batch 1: %.3f ms, throughput: %.0f samples/s%n",
                    r.parameterCount() == null ? "n/a" : r.parameterCount(),
                    r.latencyMs(),
                    r.throughput());
        }
        r.notes().forEach(n -> System.out.println(n));
        if (r.diagnostics() != null && !r.diagnostics().corrupted().isEmpty()) {
            System.out.println("corrupted test split (severities 1 to 5):");
            Map<String, StringBuilder> rows = new LinkedHashMap<>();
            r.diagnostics()
                    .corrupted()
                    .forEach(
                            c ->
                                    rows.computeIfAbsent(
                                                    String.format(
                                                            Locale.ROOT,
                                                            "  %-16s %-20s",
                                                            c.corruption(),
                                                            c.metricKey()),
                                                    k -> new StringBuilder())
                                            .append(
                                                    String.format(
                                                            Locale.ROOT, " %9.4f", c.measured())));
            rows.forEach((k, v) -> System.out.println(k + v));
        }
    }

    /** A one-line progress bar on standard error. */
    static final class ProgressBar {
        private final long start = System.nanoTime();
        private int lastPercent = -1;

        void update(long done, long total) {
            int percent = (int) (100 * done / Math.max(1, total));
            if (percent == lastPercent) {
                return;
            }
            lastPercent = percent;
            int filled = percent * 30 / 100;
            System.err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %3d%% %d/%d samples %.1f s",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    percent,
                    done,
                    total,
                    seconds());
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        void finish() {
            if (lastPercent >= 0) {
                System.err.println();
            }
        }
    }
}
