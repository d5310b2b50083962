package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mtlboard reference}: trains the reference runs of a benchmark with DJL (every requested
 * method × backbone × gradient level × optimizer × seed, plus single-task baselines as method
 * {@code stl}), evaluates each with the submissions' evaluator and writes one run bundle per run,
 * which the portal imports as REFERENCE runs. A progress bar with an ETA goes to standard error,
 * one line per finished run to standard output.
 */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = "Train and evaluate reference runs of MTL methods on a bundled benchmark.")
public final class ReferenceCommand implements Callable<Integer> {

    @Option(names = "--benchmark", required = true, description = "benchmark id, e.g. multifashion")
    String benchmark;

    @Option(names = "--methods", split = ",", defaultValue = "all",
            description = "method ids (methods.json), stl for single-task baselines, or all; default: ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(names = "--backbones", split = ",", description = "backbone ids; default: lenet5, or encoder-decoder for "
            + "dense benchmarks")
    List<String> backbones;

    @Option(names = "--levels", split = ",", defaultValue = "param,feature",
            description = "gradient levels for gradient methods; default: ${DEFAULT-VALUE}")
    List<String> levels;

    @Option(names = "--optimizers", split = ",", defaultValue = "adam", description = "adam, sgd; default: ${DEFAULT-VALUE}")
    List<String> optimizers;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
    List<Long> seeds;

    @Option(names = "--epochs", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--train-samples", defaultValue = "10000", description = "default: ${DEFAULT-VALUE}")
    int trainSamples;

    @Option(names = "--val-samples", defaultValue = "1000",
            description = "held out at the end of the training split; default: ${DEFAULT-VALUE}")
    int validationSamples;

    @Option(names = "--train-split", defaultValue = "train", description = "default: ${DEFAULT-VALUE}")
    String trainSplit;

    @Option(names = "--batch-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--lr", split = ",", defaultValue = "adam=0.001,sgd=0.01",
            description = "learning rate, for all optimizers or per optimizer (adam=…,sgd=…); default: ${DEFAULT-VALUE}")
    List<String> lr;

    @Option(names = "--log-every", defaultValue = "5",
            description = "log gradient indicators and FD every N steps (5 as Elich et al.); default: ${DEFAULT-VALUE}")
    int logEvery;

    @Option(names = "--workers", defaultValue = "1",
            description = "runs trained in parallel, each on its own thread; default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--threads", description = "libtorch threads per worker; default: processors / workers")
    Integer threads;

    @Option(names = "--skip-existing", description = "skip runs whose bundle exists already")
    boolean skipExisting;

    @Option(names = "--out", defaultValue = "benchmarks-data/reference", description = "default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--benchmarks-dir", defaultValue = "benchmarks-data", description = "default: ${DEFAULT-VALUE}")
    Path benchmarksDir;

    @Option(names = "--data-dir", defaultValue = "data", description = "cache of generated splits; default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        System.setProperty("offline", "true");
        Engine.getEngine("PyTorch"); // loads libtorch before the thread setting
        JniUtils.setNumThreads(threads != null ? threads
                : Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
        Map<String, Double> rates = rates();
        List<RunSpec> runs = plan();
        int tasks = tasks();
        TrainingSettings base = settings(rates.get(optimizers.get(0)));
        long total = runs.stream().mapToLong(r -> (long) epochs * base.stepsPerEpoch() * (r.singleTask() ? tasks : 1))
                .sum();
        SweepProgress bar = new SweepProgress(System.err, total, runs.size());
        System.out.printf(Locale.ROOT, "%d runs on %s, %d worker(s) with %d libtorch thread(s) each%n", runs.size(),
                benchmark, workers, JniUtils.getNumThreads());
        ReferenceData data = ReferenceData.load(benchmark, base, new DataLocations(benchmarksDir,
                Path.of(FashionMnist.DEBIAN_DIR), dataDir.resolve("external"), dataDir.resolve("cache")));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (RunSpec run : runs) {
            TrainingSettings settings = settings(rates.get(run.optimizer()));
            futures.add(pool.submit(() -> {
                runOne(run, data, settings, bar, tasks);
                return null;
            }));
        }
        pool.shutdown();
        int failed = 0;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failed++;
                System.err.println();
                e.getCause().printStackTrace();
            }
        }
        bar.finish();
        System.out.printf(Locale.ROOT, "%d runs (%d failed) in %s%n", runs.size(), failed,
                SweepProgress.clock(bar.seconds()));
        return failed == 0 ? 0 : 1;
    }

    private void runOne(RunSpec run, ReferenceData data, TrainingSettings settings, SweepProgress bar, int tasks)
            throws IOException {
        if (skipExisting && Files.exists(out.resolve(benchmark).resolve(run.name() + ".json"))) {
            bar.steps(epochs * settings.stepsPerEpoch() * (run.singleTask() ? tasks : 1));
            bar.finishRun(null);
            return;
        }
        bar.startRun(run);
        RunBundle bundle = new ReferenceRunner(data, settings).run(run, bar::steps, (done, all) -> { });
        bundle.write(out);
        List<String> values = new ArrayList<>();
        bundle.claims().forEach((k, v) -> values.add(String.format(Locale.ROOT, "%s=%.4f", k, v)));
        bar.finishRun(String.format(Locale.ROOT, "%-50s train %6.1f s  %s", run.name(), bundle.trainingSeconds(),
                String.join(" ", values)));
    }

    private TrainingSettings settings(double rate) {
        return new TrainingSettings(epochs, batchSize, rate, trainSplit, trainSamples, validationSamples, logEvery);
    }

    private List<RunSpec> plan() throws IOException {
        List<String> chosen = backbones != null ? backbones
                : List.of(denseBenchmark() ? "encoder-decoder" : "lenet5");
        return SweepPlan.plan(benchmark, chosen, methods, levels.stream().map(GradientLevel::parse).toList(),
                optimizers, seeds, tasks());
    }

    private int tasks() throws IOException {
        return manifest().tasks().size();
    }

    private boolean denseBenchmark() throws IOException {
        return manifest().tasks().stream().noneMatch(t -> t.kind().equals("classification"));
    }

    private BenchmarkManifest manifest() throws IOException {
        return BenchmarkManifestReader.read(benchmarksDir.resolve(benchmark).resolve(
                "benchmark.json"));
    }

    /** Learning rate per optimizer from {@code --lr}: one number for all, or {@code optimizer=number} pairs. */
    private Map<String, Double> rates() {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String item : lr) {
            String[] kv = item.split("=", 2);
            if (kv.length == 1) {
                ModelOptimizer.IDS.forEach(o -> rates.put(o, Double.parseDouble(kv[0])));
            } else if (ModelOptimizer.IDS.contains(kv[0])) {
                rates.put(kv[0], Double.parseDouble(kv[1]));
            } else {
                throw new IllegalArgumentException("--lr: unknown optimizer '" + kv[0] + "'");
            }
        }
        for (String o : optimizers) {
            if (!rates.containsKey(o)) {
                throw new IllegalArgumentException("--lr gives no learning rate for " + o);
            }
        }
        return rates;
    }
}
