package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code mtlboard reference} (a picocli mixin), and what follows from them alone:
 * the benchmark's manifest, the planned run specs, the learning rates of {@code --lr} and where the data and the pause file are. The modes that use
 * them are {@link ReferenceCommand} (training), {@link ReferencePlanner} (which runs, at which
 * rate, which are done), {@link ReferenceStepCost} and {@link ReferenceTaskGrouping}.
 */
final class ReferenceOptions {

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

    /** The benchmark's manifest from {@code --benchmarks-dir}. */
    BenchmarkManifest manifest() throws IOException {
        return BenchmarkManifestReader.read(
                benchmarksDir.resolve(benchmark).resolve("benchmark.json"));
    }

    int tasks() throws IOException {
        return manifest().tasks().size();
    }

    /** Whether every task of the benchmark is dense (no classification task). */
    boolean denseBenchmark() throws IOException {
        return manifest().tasks().stream().noneMatch(t -> t.kind().equals("classification"));
    }

    /** The data of {@code --data-dir} and {@code --benchmarks-dir}, Fashion-MNIST from Debian's package. */
    DataLocations dataLocations() {
        return new DataLocations(
                benchmarksDir,
                Path.of(FashionMnist.DEBIAN_DIR),
                dataDir.resolve("external"),
                dataDir.resolve("cache"));
    }

    /**
     * The pause file ({@link RunCheckpoint#PAUSE_FILE}) in the output folder: while it exists, the
     * runs in training stop after their next checkpoint and no run starts; the process then exits
     * with {@link RunCheckpoint#PAUSED_STATUS}.
     */
    Path pauseFile() {
        return out.resolve(RunCheckpoint.PAUSE_FILE);
    }

    /** Loads libtorch, then sets its thread count (the setting needs the library loaded). */
    static void loadLibtorch(int libtorchThreads) {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(libtorchThreads);
    }

    /** The protocol's backbone (which {@code --backbones} may only repeat), or {@code --backbones}. */
    List<String> backbones(ReferenceProtocol protocol) throws IOException {
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

    /** The run specs of the requested methods, levels and optimizers on {@code chosen} backbones. */
    List<RunSpec> plan(List<String> chosen, List<Long> chosenSeeds) throws IOException {
        return SweepPlan.plan(
                benchmark,
                chosen,
                methods,
                levels.stream().map(GradientLevel::parse).toList(),
                optimizers,
                chosenSeeds,
                tasks());
    }

    /** The protocol's settings at {@code rate}, or without a protocol those of the options. */
    TrainingSettings baseSettings(ReferenceProtocol protocol, double rate) {
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

    /** Learning rate per optimizer from {@code --lr}: one number for all, or {@code optimizer=number} pairs. */
    Map<String, Double> rates(List<String> items) {
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
