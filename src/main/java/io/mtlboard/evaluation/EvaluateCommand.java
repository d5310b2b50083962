package io.mtlboard.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mtlboard evaluate}: evaluates a TorchScript model on a bundled benchmark's test split with
 * the same evaluator as the server and prints the same numbers, with a progress bar.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate a TorchScript model on a benchmark's test split, as the server's worker does.",
        footer =
                "Exit status: 0 verified (or nothing claimed), 1 discrepant, 2 rejected, 3 an input"
                        + " is missing (benchmarks directory, benchmark, model or manifest).")
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
            names = "--efficiency",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "after scoring, time the model at batch size 1 (latency) and at the batch size"
                            + " of 100 (throughput); --no-efficiency skips these runs for a pure"
                            + " scoring pass (the parameter count is reported either way)")
    boolean efficiency;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "libtorch threads for the model (intra-op); default: libtorch's, one per"
                            + " core. On a busy machine 1 is often faster; the corrupted copies use"
                            + " at most N")
    Integer threads;

    @Option(
            names = "--benchmarks-dir",
            defaultValue = "benchmarks-data",
            description =
                    "the repository's benchmarks-data directory; default: ${DEFAULT-VALUE}, relative"
                            + " to the working directory (the repository root)")
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

    @Spec CommandSpec spec;

    /**
     * Starts loading libtorch in the background before the command line is parsed: every
     * evaluation needs it, and it takes longer than anything the evaluation does before it needs
     * the model.
     */
    public static void prepare() {
        ModelLoader.start();
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("offline", "true");
        if (threads != null && threads < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        String missing = missingInput();
        if (missing != null) {
            spec.commandLine().getErr().println(missing);
            return 3;
        }
        // libtorch loads while the manifests and the test split are read (if it is not already)
        ModelLoader.start();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
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
            JsonNode doc;
            try {
                doc = mapper.readTree(Files.readString(manifest));
            } catch (JsonProcessingException e) {
                spec.commandLine()
                        .getErr()
                        .println(
                                "manifest "
                                        + manifest
                                        + " is not valid JSON: "
                                        + e.getOriginalMessage()
                                        + " (line "
                                        + e.getLocation().getLineNr()
                                        + ")");
                return 3;
            }
            doc.path("claims")
                    .fields()
                    .forEachRemaining(e -> claims.put(e.getKey(), e.getValue().asDouble()));
        }
        ProgressBar bar =
                new ProgressBar(
                        robustness
                                ? CorruptionSweep.conditions(CorruptionSweep.corruptions(null))
                                : 0);
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
                                            null,
                                            threads,
                                            efficiency),
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

    /**
     * What keeps the evaluation from starting, said in one line (run outside the repository root,
     * a mistyped path or benchmark id), or null.
     */
    String missingInput() {
        if (!Files.isDirectory(benchmarksDir)) {
            return "benchmarks directory not found: "
                    + benchmarksDir.toAbsolutePath().normalize()
                    + "; use --benchmarks-dir (the repository's benchmarks-data) or run from the"
                    + " repository root";
        }
        if (!Files.isRegularFile(benchmarksDir.resolve(benchmark).resolve("benchmark.json"))) {
            List<String> known;
            try (Stream<Path> dirs = Files.list(benchmarksDir)) {
                known =
                        dirs.filter(d -> Files.isRegularFile(d.resolve("benchmark.json")))
                                .map(d -> d.getFileName().toString())
                                .sorted()
                                .toList();
            } catch (IOException e) {
                known = List.of();
            }
            return "unknown benchmark '"
                    + benchmark
                    + "' in "
                    + benchmarksDir.toAbsolutePath().normalize()
                    + "; known: "
                    + String.join(", ", known);
        }
        if (!Files.isRegularFile(model)) {
            return "model file not found: " + model.toAbsolutePath().normalize();
        }
        if (manifest != null && !Files.isRegularFile(manifest)) {
            return "manifest file not found: " + manifest.toAbsolutePath().normalize();
        }
        return null;
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
                    "device: %s, %s, %d test samples, %.1f s in all%s%n",
                    r.device(),
                    r.engine(),
                    r.samples(),
                    r.seconds(),
                    r.scoringSeconds() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " (scoring the test split %.1f s)",
                                    r.scoringSeconds()));
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
        } else if (r.parameterCount() != null) {
            System.out.printf(
                    Locale.ROOT,
                    "parameters: %d (latency and throughput not measured: --no-efficiency)%n",
                    r.parameterCount());
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

    /**
     * A one-line progress bar on standard error. It counts samples, i.e. test images scored: the
     * clean test split first, then, with robustness, the same images again under each corruption
     * and severity; a first line says so with the numbers.
     */
    static final class ProgressBar {
        /** Least time between two redraws: a terminal need not be written a hundred times a second. */
        private static final long REDRAW_NANOS = 100_000_000L;

        private final long start = System.nanoTime();
        private final int corruptedPasses;
        private int lastPercent = -1;
        private long lastDrawn;

        /**
         * @param corruptedPasses corrupted copies of the test split scored after it (0 without
         *     robustness)
         */
        ProgressBar(int corruptedPasses) {
            this.corruptedPasses = corruptedPasses;
        }

        void update(long done, long total) {
            int percent = (int) (100 * done / Math.max(1, total));
            long now = System.nanoTime();
            if (percent == lastPercent
                    || (lastPercent >= 0 && done < total && now - lastDrawn < REDRAW_NANOS)) {
                return;
            }
            long clean = total / (1 + corruptedPasses);
            if (lastPercent < 0) {
                System.err.println(legend(clean, total));
            }
            lastPercent = percent;
            lastDrawn = now;
            int filled = percent * 30 / 100;
            String phase =
                    done < clean || corruptedPasses == 0
                            ? "test split"
                            : String.format(
                                    Locale.ROOT,
                                    "corrupted copy %d/%d",
                                    Math.min(corruptedPasses, (done - clean) / clean + 1),
                                    corruptedPasses);
            System.err.printf(
                    Locale.ROOT,
                    "\r[%s%s] %3d%% %d/%d samples (%s) %.1f s   ",
                    "#".repeat(filled),
                    ".".repeat(30 - filled),
                    percent,
                    done,
                    total,
                    phase,
                    seconds());
        }

        /** What the samples of the progress line are. */
        String legend(long clean, long total) {
            return corruptedPasses == 0
                    ? String.format(
                            Locale.ROOT,
                            "samples = test images scored: the %d images of the test split",
                            clean)
                    : String.format(
                            Locale.ROOT,
                            "samples = test images scored: the %d images of the test split, then"
                                    + " the same images under %d corruptions x %d severities (%d"
                                    + " corrupted copies) for robustness, %d in all;"
                                    + " --no-robustness skips the copies",
                            clean,
                            corruptedPasses / CorruptionSweep.SEVERITIES,
                            CorruptionSweep.SEVERITIES,
                            corruptedPasses,
                            total);
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
