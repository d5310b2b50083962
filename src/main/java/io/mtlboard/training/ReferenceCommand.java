package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
@Command(
        name = "reference",
        mixinStandardHelpOptions = true,
        description = "Train and evaluate reference runs of MTL methods on a bundled benchmark.")
public final class ReferenceCommand implements Callable<Integer> {

    @Option(names = "--benchmark", required = true, description = "benchmark id, e.g. multifashion")
    String benchmark;

    @Option(
            names = "--methods",
            split = ",",
            defaultValue = "all",
            description =
                    "method ids (methods.json), stl for single-task baselines, or all; default: ${DEFAULT-VALUE}")
    List<String> methods;

    @Option(
            names = "--backbones",
            split = ",",
            description =
                    "backbone ids; default: lenet5, or encoder-decoder for " + "dense benchmarks")
    List<String> backbones;

    @Option(
            names = "--levels",
            split = ",",
            defaultValue = "param,feature",
            description = "gradient levels for gradient methods; default: ${DEFAULT-VALUE}")
    List<String> levels;

    @Option(
            names = "--optimizers",
            split = ",",
            defaultValue = "adam",
            description = "adam, sgd; default: ${DEFAULT-VALUE}")
    List<String> optimizers;

    @Option(
            names = "--seeds",
            split = ",",
            defaultValue = "1",
            description = "default: ${DEFAULT-VALUE}")
    List<Long> seeds;

    @Option(names = "--epochs", defaultValue = "10", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(
            names = "--train-samples",
            defaultValue = "10000",
            description = "default: ${DEFAULT-VALUE}")
    int trainSamples;

    @Option(
            names = "--val-samples",
            defaultValue = "1000",
            description = "held out at the end of the training split; default: ${DEFAULT-VALUE}")
    int validationSamples;

    @Option(
            names = "--train-split",
            defaultValue = "train",
            description = "default: ${DEFAULT-VALUE}")
    String trainSplit;

    @Option(names = "--batch-size", defaultValue = "256", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(
            names = "--lr",
            split = ",",
            description =
                    "learning rate, for all optimizers or per optimizer (adam=…,sgd=…); default without "
                            + "--protocol: adam=0.001,sgd=0.01; with --protocol: chosen by its lr sweep; "
                            + "with --lr-sweep: train only this rate of the sweep's grid")
    List<String> lr;

    @Option(
            names = "--log-every",
            defaultValue = "5",
            description =
                    "log gradient indicators and FD every N steps (5 as Elich et al.); default: ${DEFAULT-VALUE}")
    int logEvery;

    @Option(
            names = "--workers",
            defaultValue = "1",
            description =
                    "runs trained in parallel, each on its own thread; default: ${DEFAULT-VALUE}")
    int workers;

    @Option(
            names = "--threads",
            description = "libtorch threads per worker; default: processors / workers")
    Integer threads;

    @Option(
            names = "--skip-existing",
            description = "without --protocol: skip runs whose bundle exists already")
    boolean skipExisting;

    @Option(
            names = "--protocol",
            description =
                    "a reference protocol of the benchmark (benchmarks-data/<benchmark>/"
                            + "reference-protocols.json): its settings replace --epochs, --train-samples, --val-samples, --batch-size, "
                            + "--log-every and --train-split, the lr comes from its lr sweep, and runs whose bundle exists with the "
                            + "same protocol hash and lr are skipped (resume)")
    String protocolId;

    @Option(
            names = "--lr-sweep",
            description =
                    "with --protocol: train the protocol's lr sweep (its methods, or those "
                            + "of them --methods names, and its lr grid per optimizer, one seed) into <out>/<benchmark>/lr-sweep/")
    boolean lrSweep;

    @Option(
            names = "--force",
            description = "with --protocol: retrain runs even when their bundle exists")
    boolean force;

    @Option(
            names = "--diagnostics",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "measure the corrupted-split sweep and test-split FD of every trained model and store them "
                            + "in its bundle (not for lr-sweep runs); default: ${DEFAULT-VALUE}")
    boolean diagnostics;

    @Option(
            names = "--loss-scales",
            split = ",",
            description =
                    "the loss-scale study (Elich et al. §4.1): "
                            + "task=factor pairs multiplying the task losses, e.g. left=10,right=0.1; bundles go to "
                            + "<out>/<benchmark>/loss-scale/ (not imported as leaderboard rows)")
    List<String> lossScales;

    @Option(
            names = "--freeze-encoder",
            description =
                    "with --loss-scales: keep the shared encoder at its "
                            + "initialization, only the heads learn")
    boolean freezeEncoder;

    @Option(
            names = "--task-grouping",
            description =
                    "Standley et al.'s task-grouping experiment on a dense benchmark: every task subset as "
                            + "a full-size network and every task as a half-size single-task network, one seed "
                            + "(--seeds, first), under --protocol (task subsets at its EW rate, single-task "
                            + "networks at its single-task rate, from its lr sweep) or without it the legacy "
                            + "schedule "
                            + GroupingSchedule.LEGACY
                            + "; bundles go to <out>/<benchmark>/task-grouping/[<protocol>/] (not imported as "
                            + "leaderboard rows), networks whose bundle exists under the same schedule are "
                            + "skipped")
    boolean taskGrouping;

    @Option(
            names = "--write-dataset",
            description =
                    "with --task-grouping: only write the task-grouping data set "
                            + "<benchmarks-dir>/task-grouping/<benchmark>-measured[-<protocol>]/ from the bundles (it is also "
                            + "written after a grouping run that leaves every bundle in place)")
    boolean writeDataset;

    @Option(
            names = "--step-cost",
            description =
                    "with --protocol: instead of training, time one training step of every "
                            + "requested method × level × optimizer back to back (CPU and wall milliseconds per step) "
                            + "into <out>/<benchmark>/step-cost/<protocol>.json, which the levels page compares")
    boolean stepCost;

    @Option(
            names = "--step-cost-rounds",
            defaultValue = "30",
            description =
                    "with --step-cost: rounds over all configurations; default: ${DEFAULT-VALUE}")
    int stepCostRounds;

    @Option(
            names = "--step-cost-steps",
            defaultValue = "5",
            description =
                    "with --step-cost: steps per configuration and round; default: ${DEFAULT-VALUE}")
    int stepCostSteps;

    @Option(
            names = "--dry-run",
            description = "print the planned runs, their lr and whether they would be skipped")
    boolean dryRun;

    @Option(
            names = "--out",
            defaultValue = "benchmarks-data/reference",
            description = "default: ${DEFAULT-VALUE}")
    Path out;

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

    @Override
    public Integer call() throws Exception {
        System.setProperty("offline", "true");
        if (taskGrouping) {
            return taskGrouping();
        }
        ReferenceProtocol protocol =
                protocolId == null
                        ? null
                        : ReferenceProtocol.read(benchmarksDir, benchmark, protocolId);
        if (protocol == null && (lrSweep || force)) {
            throw new IllegalArgumentException("--lr-sweep and --force need --protocol");
        }
        if (stepCost) {
            return stepCost(protocol);
        }
        List<Planned> runs = planned(protocol);
        int tasks = tasks();
        long total = runs.stream().mapToLong(r -> steps(r, tasks)).sum();
        long skipped = runs.stream().filter(Planned::skip).count();
        long reused = runs.stream().filter(r -> r.reuse() != null).count();
        System.out.printf(
                Locale.ROOT,
                "%d runs on %s (%d already done under %s), %d worker(s) with %s libtorch "
                        + "thread(s) each%n",
                runs.size(),
                benchmark,
                skipped,
                protocol == null
                        ? "any settings"
                        : "protocol " + protocol.id() + " " + protocol.hash().substring(0, 12),
                workers,
                threads != null ? threads : "default");
        if (dryRun) {
            for (Planned run : runs) {
                System.out.printf(
                        Locale.ROOT,
                        "%-62s lr %-8s %s%n",
                        run.file().getFileName(),
                        run.settings().lr(),
                        run.skip()
                                ? "done"
                                : run.reuse() != null
                                        ? "reuses " + LrSweep.DIR + "/" + run.reuse().getFileName()
                                        : protocol == null
                                                ? "to train"
                                                : checkpoint(run, protocol)
                                                        .epoch()
                                                        .map(
                                                                e ->
                                                                        "to train, resumes after epoch "
                                                                                + e)
                                                        .orElse("to train"));
            }
            return 0;
        }
        if (Files.exists(pauseFile())) {
            System.out.println(
                    "a pause is requested ("
                            + pauseFile()
                            + " exists): no run starts; remove the file to train");
            return RunCheckpoint.PAUSED_STATUS;
        }
        SweepProgress bar = new SweepProgress(System.err, total, runs.size());
        // with every run done or reused there is nothing to train: neither libtorch nor data
        ReferenceData data =
                runs.stream().allMatch(r -> r.skip() || r.reuse() != null)
                        ? null
                        : trainingData(protocol, runs);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (Planned run : runs) {
            futures.add(
                    pool.submit(
                            () -> {
                                runOne(run, data, protocol, bar, tasks);
                                return null;
                            }));
        }
        pool.shutdown();
        int failed = 0;
        int paused = 0;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RunCheckpoint.Paused) {
                    paused++;
                    continue;
                }
                failed++;
                System.err.println();
                e.getCause().printStackTrace();
            }
        }
        bar.finish();
        System.out.printf(
                Locale.ROOT,
                "%d runs (%d skipped, %d reused from the lr sweep, %d failed%s) in %s%n",
                runs.size(),
                skipped,
                reused,
                failed,
                paused == 0 ? "" : ", " + paused + " paused or not started",
                SweepProgress.clock(bar.seconds()));
        return failed > 0 ? 1 : paused > 0 ? RunCheckpoint.PAUSED_STATUS : 0;
    }

    /** {@code --step-cost}: the planned runs' configurations at seed 0, timed back to back. */
    private int stepCost(ReferenceProtocol protocol) throws IOException {
        if (protocol == null || lrSweep || lossScales != null || freezeEncoder) {
            throw new IllegalArgumentException(
                    "--step-cost needs --protocol and no --lr-sweep, --loss-scales or --freeze-encoder");
        }
        if (stepCostRounds < 1 || stepCostSteps < 1) {
            throw new IllegalArgumentException(
                    "--step-cost-rounds and --step-cost-steps must be positive");
        }
        seeds = List.of(0L);
        // the learning rate does not change what a step costs: any rate of the protocol's grid
        double rate =
                protocol.sweepGrid().values().stream()
                        .flatMap(List::stream)
                        .findFirst()
                        .orElse(1e-3);
        List<StepCost.Config> configs =
                plan(backbones(protocol)).stream()
                        .map(spec -> new StepCost.Config(spec, protocol.settings(rate)))
                        .toList();
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("--step-cost: no configuration to time");
        }
        Path file = StepCost.file(out.resolve(benchmark), protocol.id());
        System.out.printf(
                Locale.ROOT,
                "timing %d configurations of %s under %s: %d warm-up steps, %d rounds of %d steps%n",
                configs.size(),
                benchmark,
                protocol.id(),
                STEP_COST_WARMUP,
                stepCostRounds,
                stepCostSteps);
        if (dryRun) {
            configs.forEach(c -> System.out.println("  " + c.spec().name()));
            return 0;
        }
        int libtorchThreads = threads != null ? threads : 1;
        loadLibtorch(libtorchThreads);
        ReferenceData data =
                ReferenceData.load(benchmark, configs.get(0).settings(), dataLocations());
        StepCost.Table table =
                StepCost.measure(
                        data,
                        protocol,
                        configs,
                        STEP_COST_WARMUP,
                        stepCostSteps,
                        stepCostRounds,
                        libtorchThreads,
                        file,
                        System.err);
        for (StepCost.Entry e : table.entries()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-8s %-5s cpu %7.2f ms/step (quartiles %.2f–%.2f)  wall %7.2f ms/step%n",
                    e.method(),
                    e.level(),
                    e.optimizer(),
                    e.cpuMs().median(),
                    e.cpuMs().q1(),
                    e.cpuMs().q3(),
                    e.wallMs().median());
        }
        System.out.println("written to " + file);
        return 0;
    }

    /** Loads libtorch with the thread setting, then the benchmark's data for {@code runs}. */
    private ReferenceData trainingData(ReferenceProtocol protocol, List<Planned> runs)
            throws IOException {
        loadLibtorch(
                threads != null
                        ? threads
                        : Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
        return ReferenceData.load(
                benchmark,
                runs.isEmpty() ? baseSettings(protocol, 1e-3) : runs.get(0).settings(),
                dataLocations());
    }

    /** Loads libtorch, then sets its thread count (the setting needs the library loaded). */
    private static void loadLibtorch(int libtorchThreads) {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(libtorchThreads);
    }

    /** The data of {@code --data-dir} and {@code --benchmarks-dir}, Fashion-MNIST from Debian's package. */
    private DataLocations dataLocations() {
        return new DataLocations(
                benchmarksDir,
                Path.of(FashionMnist.DEBIAN_DIR),
                dataDir.resolve("external"),
                dataDir.resolve("cache"));
    }

    /** Warm-up steps of each configuration before {@code --step-cost} times it. */
    static final int STEP_COST_WARMUP = 10;

    private int taskGrouping() throws IOException {
        if (lrSweep || lossScales != null || freezeEncoder || !denseBenchmark()) {
            throw new IllegalArgumentException(
                    "--task-grouping is an experiment of its own on a dense benchmark: use it "
                            + "without --lr-sweep, --loss-scales and --freeze-encoder");
        }
        GroupingSchedule schedule = groupingSchedule();
        long seed = seeds.get(0);
        if (writeDataset) {
            return writeGroupingDataset(schedule);
        }
        if (dryRun) {
            return TaskGroupingExperiment.run(
                    null, manifest(), out, seed, true, System.out, schedule);
        }
        loadLibtorch(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        ReferenceData data = ReferenceData.load(benchmark, schedule.multiTask(), dataLocations());
        int failed;
        try {
            failed =
                    TaskGroupingExperiment.run(
                            data, data.manifest, out, seed, false, System.out, schedule);
        } catch (RunCheckpoint.Paused paused) {
            System.out.println("task grouping " + paused.getMessage());
            return RunCheckpoint.PAUSED_STATUS;
        }
        return failed == 0 ? writeGroupingDataset(schedule) : 1;
    }

    /** The schedule of --protocol with the rates of its lr sweep, or the legacy one without it. */
    private GroupingSchedule groupingSchedule() throws IOException {
        if (protocolId == null) {
            return GroupingSchedule.legacy();
        }
        ReferenceProtocol protocol = ReferenceProtocol.read(benchmarksDir, benchmark, protocolId);
        return GroupingSchedule.of(
                protocol,
                LrSweep.choose(out.resolve(benchmark).resolve(LrSweep.DIR), protocol, manifest()));
    }

    private int writeGroupingDataset(GroupingSchedule schedule) throws IOException {
        BenchmarkManifest m = manifest();
        Path target = benchmarksDir.resolve("task-grouping").resolve(schedule.datasetId(benchmark));
        List<TaskGroupingDataset.Row> rows =
                TaskGroupingDataset.write(
                        schedule.bundleDir(out, benchmark),
                        target,
                        benchmark,
                        TaskGroupingExperiment.taskNames(m),
                        schedule);
        System.out.printf(Locale.ROOT, "%d networks written to %s%n", rows.size(), target);
        return 0;
    }

    /**
     * A planned run: its spec, its settings (with its lr), its bundle file, whether it is already
     * done, and the lr-sweep bundle it reuses instead of training (null when it trains).
     */
    record Planned(RunSpec spec, TrainingSettings settings, Path file, boolean skip, Path reuse) {

        Planned(RunSpec spec, TrainingSettings settings, Path file, boolean skip) {
            this(spec, settings, file, skip, null);
        }
    }

    private long steps(Planned run, int tasks) {
        return (long) run.settings().epochs()
                * run.settings().stepsPerEpoch()
                * (run.spec().singleTask() ? tasks : 1);
    }

    private List<Planned> planned(ReferenceProtocol protocol) throws IOException {
        List<Planned> result = new ArrayList<>();
        double[] scales = scales();
        if (protocol == null) {
            Map<String, Double> rates = rates(lr != null ? lr : List.of("adam=0.001", "sgd=0.01"));
            for (RunSpec run : plan(backbones(null))) {
                Path file =
                        scales == null && !freezeEncoder
                                ? out.resolve(benchmark).resolve(run.name() + ".json")
                                : out.resolve(benchmark)
                                        .resolve(LOSS_SCALE_DIR)
                                        .resolve(run.name() + lossScaleSuffix(scales) + ".json");
                TrainingSettings settings = baseSettings(null, rates.get(run.optimizer()));
                if (scales != null || freezeEncoder) {
                    settings = settings.withLossScales(scales, freezeEncoder);
                }
                result.add(new Planned(run, settings, file, skipExisting && Files.exists(file)));
            }
            return result;
        }
        if (scales != null || freezeEncoder) {
            throw new IllegalArgumentException(
                    "--loss-scales and --freeze-encoder are a study of their own: use them "
                            + "without --protocol");
        }
        if (lrSweep) {
            Path dir = out.resolve(benchmark).resolve(LrSweep.DIR);
            for (String optimizer : optimizers) {
                List<Double> grid = sweepGrid(protocol, optimizer);
                List<String> swept =
                        protocol.sweepMethods().getOrDefault(optimizer, List.of()).stream()
                                .filter(m -> methods.contains(SweepPlan.ALL) || methods.contains(m))
                                .toList();
                for (RunSpec run :
                        SweepPlan.plan(
                                benchmark,
                                backbones(protocol),
                                swept,
                                List.of(GradientLevel.PARAM),
                                List.of(optimizer),
                                List.of(protocol.sweepSeed()),
                                tasks())) {
                    for (double rate : grid) {
                        Path file = dir.resolve(LrSweep.fileName(run, rate));
                        result.add(
                                new Planned(
                                        run,
                                        protocol.settings(rate),
                                        file,
                                        done(file, protocol, rate)));
                    }
                }
            }
            return result;
        }
        Map<String, Double> overrides = lr == null ? Map.of() : rates(lr);
        LrSweep.Choice choice =
                LrSweep.choose(out.resolve(benchmark).resolve(LrSweep.DIR), protocol, manifest());
        System.out.println(choice.describe(protocol));
        // a rate chosen from part of its sweep is not the protocol's: the sweep comes first
        Set<String> missing = new LinkedHashSet<>();
        for (RunSpec run : plan(backbones(protocol))) {
            if (!overrides.containsKey(run.optimizer())) {
                choice.missing(protocol, run.optimizer(), run.method())
                        .forEach(m -> missing.add(run.optimizer() + " " + m));
            }
        }
        if (!missing.isEmpty()) {
            String what =
                    "the lr sweep of protocol "
                            + protocol.id()
                            + " that chooses these runs' rates is not complete (missing "
                            + String.join(", ", missing)
                            + ")";
            if (!dryRun) {
                throw new IllegalArgumentException(
                        what
                                + ": train it first (reference --protocol "
                                + protocol.id()
                                + " --lr-sweep) or give --lr");
            }
            System.out.println(what + ": the rates below are provisional");
        }
        for (RunSpec run : plan(backbones(protocol))) {
            double rate =
                    overrides.containsKey(run.optimizer())
                            ? overrides.get(run.optimizer())
                            : choice.rate(run.optimizer(), run.method());
            Path file = out.resolve(benchmark).resolve(run.name() + ".json");
            boolean done = done(file, protocol, rate);
            result.add(
                    new Planned(
                            run,
                            protocol.settings(rate),
                            file,
                            done,
                            done ? null : reusable(run, protocol, rate)));
        }
        return result;
    }

    /**
     * The lr-sweep bundle that already is this protocol run, or null: the sweep trains its methods
     * at its seed, at the parameter level, at every rate of the grid, so the protocol's run of a
     * swept method at the sweep's seed and the chosen rate is the sweep's run at that rate —
     * training it again gives the same bundle (training is deterministic) and only costs time. It
     * is reused when its bundle is of the same protocol hash and rate and, unless
     * --no-diagnostics, holds the diagnostics every reference model needs.
     */
    private Path reusable(RunSpec run, ReferenceProtocol protocol, double rate) {
        if (run.level() != GradientLevel.PARAM
                || run.seed() != protocol.sweepSeed()
                || !protocol.sweepMethods()
                        .getOrDefault(run.optimizer(), List.of())
                        .contains(run.method())) {
            return null;
        }
        Path sweep =
                out.resolve(benchmark).resolve(LrSweep.DIR).resolve(LrSweep.fileName(run, rate));
        if (!done(sweep, protocol, rate)) {
            return null;
        }
        try {
            JsonNode d = new ObjectMapper().readTree(sweep.toFile()).path("evaluation");
            return !diagnostics || d.path("diagnostics").isObject() ? sweep : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Writes {@code run}'s reused lr-sweep bundle as its own, noting where it comes from. */
    private static void reuse(Planned run) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode bundle = (ObjectNode) json.readTree(run.reuse().toFile());
        ((ObjectNode) bundle.path("training"))
                .put("reusedFrom", LrSweep.DIR + "/" + run.reuse().getFileName());
        JsonFiles.writeAtomically(json, run.file(), bundle);
    }

    /** Whether {@code file} is a bundle of the same protocol (hash) and lr, so the run can be skipped. */
    private boolean done(Path file, ReferenceProtocol protocol, double rate) {
        if (force || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode bundle = new ObjectMapper().readTree(file.toFile());
            return protocol.hash().equals(bundle.path("protocol").path("hash").asText())
                    && Math.abs(
                                    bundle.path("manifest")
                                                    .path("hyperParameters")
                                                    .path("lr")
                                                    .asDouble(-1)
                                            - rate)
                            <= 1e-12 * rate;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private List<String> backbones(ReferenceProtocol protocol) throws IOException {
        if (protocol != null) {
            if (backbones != null && !backbones.equals(List.of(protocol.backbone()))) {
                throw new IllegalArgumentException(
                        "protocol " + protocol.id() + " is for backbone " + protocol.backbone());
            }
            return List.of(protocol.backbone());
        }
        return backbones != null
                ? backbones
                : List.of(denseBenchmark() ? "encoder-decoder" : "lenet5");
    }

    private void runOne(
            Planned run,
            ReferenceData data,
            ReferenceProtocol protocol,
            SweepProgress bar,
            int tasks)
            throws IOException {
        if (run.skip()) {
            bar.skip(steps(run, tasks));
            return;
        }
        String name = run.file().getFileName().toString().replace(".json", "");
        if (run.reuse() != null) {
            reuse(run);
            bar.reused(
                    steps(run, tasks),
                    String.format(
                            Locale.ROOT,
                            "%-50s lr %-7s reused: the lr sweep's run %s",
                            name,
                            run.settings().lr(),
                            run.reuse().getFileName()));
            return;
        }
        if (Files.exists(pauseFile())) {
            throw RunCheckpoint.Paused.beforeStart(pauseFile());
        }
        bar.startRun(run.spec());
        RunCheckpoint checkpoint =
                protocol == null ? null : checkpoint(run, protocol).withPauseFile(pauseFile());
        RunBundle bundle;
        try {
            bundle =
                    new ReferenceRunner(
                                    data,
                                    run.settings(),
                                    protocol == null ? null : protocol.summary())
                            .withDiagnostics(diagnostics)
                            .withCheckpoint(checkpoint)
                            .run(run.spec(), bar, (done, all) -> {});
        } catch (RunCheckpoint.Paused paused) {
            bar.finishRun(name + " " + paused.getMessage());
            throw paused;
        }
        bundle.writeTo(run.file());
        if (checkpoint != null) {
            checkpoint.delete();
        }
        List<String> values = new ArrayList<>();
        bundle.claims().forEach((k, v) -> values.add(String.format(Locale.ROOT, "%s=%.4f", k, v)));
        Object converged =
                bundle.convergence() == null ? null : bundle.convergence().get("converged");
        bar.finishRun(
                String.format(
                        Locale.ROOT,
                        "%-50s lr %-7s train %6.1f s  %s  converged=%s",
                        name,
                        run.settings().lr(),
                        bundle.trainingSeconds(),
                        String.join(" ", values),
                        converged));
    }

    /**
     * The pause file ({@link RunCheckpoint#PAUSE_FILE}) in the output folder: while it exists, the
     * runs in training stop after their next checkpoint and no run starts; the process then exits
     * with {@link RunCheckpoint#PAUSED_STATUS}.
     */
    private Path pauseFile() {
        return out.resolve(RunCheckpoint.PAUSE_FILE);
    }

    /** Folder of the runs' checkpoints beside their bundles (not imported, not committed). */
    static final String CHECKPOINT_DIR = ".checkpoints";

    /**
     * The checkpoint of a protocol run: {@code .checkpoints/<bundle name>/} beside its bundle,
     * resumed only by the same bundle under the same protocol hash and rate.
     */
    static RunCheckpoint checkpoint(Planned run, ReferenceProtocol protocol) {
        String name = run.file().getFileName().toString().replaceFirst("\\.json$", "");
        return new RunCheckpoint(
                run.file().getParent().resolve(CHECKPOINT_DIR).resolve(name),
                name + " " + protocol.hash() + " lr " + run.settings().lr());
    }

    /** The directory of the loss-scale study's bundles under the benchmark's reference directory. */
    static final String LOSS_SCALE_DIR = "loss-scale";

    /** The factors of {@code --loss-scales} in benchmark task order (1 for tasks not named), or null. */
    private double[] scales() throws IOException {
        if (lossScales == null || lossScales.isEmpty()) {
            return null;
        }
        List<String> names =
                manifest().tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
        double[] scales = new double[names.size()];
        Arrays.fill(scales, 1);
        for (String item : lossScales) {
            String[] kv = item.split("=", 2);
            int t = names.indexOf(kv[0]);
            if (kv.length != 2 || t < 0) {
                throw new IllegalArgumentException(
                        "--loss-scales: expected task=factor with a task of "
                                + names
                                + ", got '"
                                + item
                                + "'");
            }
            scales[t] = Double.parseDouble(kv[1]);
        }
        return scales;
    }

    private String lossScaleSuffix(double[] scales) throws IOException {
        StringBuilder b = new StringBuilder();
        if (scales != null) {
            List<String> names =
                    manifest().tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
            b.append("_scales");
            for (int t = 0; t < scales.length; t++) {
                b.append('-')
                        .append(names.get(t))
                        .append(BigDecimal.valueOf(scales[t]).stripTrailingZeros().toPlainString());
            }
        }
        return b.append(freezeEncoder ? "_frozen" : "_free").toString();
    }

    private TrainingSettings baseSettings(ReferenceProtocol protocol, double rate) {
        return protocol != null
                ? protocol.settings(rate)
                : new TrainingSettings(
                        epochs,
                        batchSize,
                        rate,
                        trainSplit,
                        trainSamples,
                        validationSamples,
                        logEvery);
    }

    private List<RunSpec> plan(List<String> chosen) throws IOException {
        return SweepPlan.plan(
                benchmark,
                chosen,
                methods,
                levels.stream().map(GradientLevel::parse).toList(),
                optimizers,
                seeds,
                tasks());
    }

    private int tasks() throws IOException {
        return manifest().tasks().size();
    }

    private boolean denseBenchmark() throws IOException {
        return manifest().tasks().stream().noneMatch(t -> t.kind().equals("classification"));
    }

    private BenchmarkManifest manifest() throws IOException {
        return BenchmarkManifestReader.read(
                benchmarksDir.resolve(benchmark).resolve("benchmark.json"));
    }

    /** Learning rate per optimizer from {@code --lr}: one number for all, or {@code optimizer=number} pairs. */
    /**
     * The rates of the protocol's lr sweep for {@code optimizer}; with {@code --lr}, only the rate
     * it names, which must be one of the grid's (so that two processes can share a sweep).
     */
    private List<Double> sweepGrid(ReferenceProtocol protocol, String optimizer) {
        List<Double> grid = protocol.sweepGrid().getOrDefault(optimizer, List.of());
        if (lr == null) {
            return grid;
        }
        double rate = rates(lr).get(optimizer);
        if (!grid.contains(rate)) {
            throw new IllegalArgumentException(
                    "--lr "
                            + optimizer
                            + "="
                            + rate
                            + " is not in the lr grid of protocol "
                            + protocol.id()
                            + " for "
                            + optimizer
                            + ": "
                            + grid);
        }
        return List.of(rate);
    }

    private Map<String, Double> rates(List<String> items) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String item : items) {
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
