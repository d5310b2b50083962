package io.mtlboard.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which runs {@code mtlboard reference} trains: every requested run spec with its settings, its
 * learning rate (from {@code --lr}, or chosen by the protocol's lr sweep), its bundle file, whether
 * a bundle of the same protocol hash and rate already exists (done, skipped) and whether the lr
 * sweep already trained it (reused). Without {@code --protocol} the options' settings apply, and
 * with {@code --loss-scales} the loss-scale study's bundle names.
 */
final class ReferencePlanner {

    /** The directory of the loss-scale study's bundles under the benchmark's reference directory. */
    static final String LOSS_SCALE_DIR = "loss-scale";

    /**
     * A planned run: its spec, its settings (with its lr), its bundle file, whether it is already
     * done, and the lr-sweep bundle it reuses instead of training (null when it trains).
     */
    record Planned(RunSpec spec, TrainingSettings settings, Path file, boolean skip, Path reuse) {

        Planned(RunSpec spec, TrainingSettings settings, Path file, boolean skip) {
            this(spec, settings, file, skip, null);
        }

        /** Training steps of the run (a single-task run trains one network per task). */
        long steps(int tasks) {
            return (long) settings.epochs()
                    * settings.stepsPerEpoch()
                    * (spec.singleTask() ? tasks : 1);
        }

        /** The bundle's name without {@code .json}. */
        String name() {
            return file.getFileName().toString().replaceFirst("\\.json$", "");
        }

        /**
         * The checkpoint of a protocol run: {@code .checkpoints/<bundle name>/} beside its bundle,
         * resumed only by the same bundle under the same protocol hash and rate.
         */
        RunCheckpoint checkpoint(ReferenceProtocol protocol) {
            return new RunCheckpoint(
                    file.getParent().resolve(RunCheckpoint.DIR).resolve(name()),
                    name() + " " + protocol.hash() + " lr " + settings.lr());
        }
    }

    private final ReferenceOptions options;
    private final ReferenceProtocol protocol;

    /** @param protocol the protocol of {@code --protocol}, or null */
    ReferencePlanner(ReferenceOptions options, ReferenceProtocol protocol) {
        this.options = options;
        this.protocol = protocol;
    }

    /** The planned runs, in the order they are trained. */
    List<Planned> planned() throws IOException {
        double[] scales = scales();
        if (protocol == null) {
            return plannedWithoutProtocol(scales);
        }
        if (scales != null || options.freezeEncoder) {
            throw new IllegalArgumentException(
                    "--loss-scales and --freeze-encoder are a study of their own: use them "
                            + "without --protocol");
        }
        return options.lrSweep ? plannedSweep() : plannedProtocol();
    }

    private List<Planned> plannedWithoutProtocol(double[] scales) throws IOException {
        List<Planned> result = new ArrayList<>();
        Path dir = options.out.resolve(options.benchmark);
        Map<String, Double> rates =
                options.rates(options.lr != null ? options.lr : List.of("adam=0.001", "sgd=0.01"));
        for (RunSpec run : options.plan(options.backbones(null), options.seeds)) {
            boolean study = scales != null || options.freezeEncoder;
            Path file =
                    study
                            ? dir.resolve(LOSS_SCALE_DIR)
                                    .resolve(run.name() + lossScaleSuffix(scales) + ".json")
                            : dir.resolve(run.name() + ".json");
            TrainingSettings settings = options.baseSettings(null, rates.get(run.optimizer()));
            if (study) {
                settings = settings.withLossScales(scales, options.freezeEncoder);
            }
            result.add(
                    new Planned(run, settings, file, options.skipExisting && Files.exists(file)));
        }
        return result;
    }

    /** {@code --lr-sweep}: the protocol's swept methods at every rate of its grid, one seed. */
    private List<Planned> plannedSweep() throws IOException {
        List<Planned> result = new ArrayList<>();
        Path dir = options.out.resolve(options.benchmark).resolve(LrSweep.DIR);
        for (String optimizer : options.optimizers) {
            List<Double> grid = sweepGrid(optimizer);
            List<String> swept =
                    protocol.sweepMethods().getOrDefault(optimizer, List.of()).stream()
                            .filter(
                                    m ->
                                            options.methods.contains(SweepPlan.ALL)
                                                    || options.methods.contains(m))
                            .toList();
            for (RunSpec run :
                    SweepPlan.plan(
                            options.benchmark,
                            options.backbones(protocol),
                            swept,
                            List.of(GradientLevel.PARAM),
                            List.of(optimizer),
                            List.of(protocol.sweepSeed()),
                            options.tasks())) {
                for (double rate : grid) {
                    Path file = dir.resolve(LrSweep.fileName(run, rate));
                    result.add(new Planned(run, protocol.settings(rate), file, done(file, rate)));
                }
            }
        }
        return result;
    }

    /** The protocol's runs at the rates its lr sweep chose (or {@code --lr}'s). */
    private List<Planned> plannedProtocol() throws IOException {
        Map<String, Double> overrides = options.lr == null ? Map.of() : options.rates(options.lr);
        Path dir = options.out.resolve(options.benchmark);
        LrSweep.Choice choice =
                LrSweep.choose(dir.resolve(LrSweep.DIR), protocol, options.manifest());
        System.out.println(choice.describe(protocol));
        List<RunSpec> specs = options.plan(options.backbones(protocol), options.seeds);
        // a rate chosen from part of its sweep is not the protocol's: the sweep comes first
        Set<String> missing = new LinkedHashSet<>();
        for (RunSpec run : specs) {
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
            if (!options.dryRun) {
                throw new IllegalArgumentException(
                        what
                                + ": train it first (reference --protocol "
                                + protocol.id()
                                + " --lr-sweep) or give --lr");
            }
            System.out.println(what + ": the rates below are provisional");
        }
        List<Planned> result = new ArrayList<>();
        for (RunSpec run : specs) {
            double rate =
                    overrides.containsKey(run.optimizer())
                            ? overrides.get(run.optimizer())
                            : choice.rate(run.optimizer(), run.method());
            Path file = dir.resolve(run.name() + ".json");
            boolean done = done(file, rate);
            result.add(
                    new Planned(
                            run,
                            protocol.settings(rate),
                            file,
                            done,
                            done ? null : reusable(run, rate)));
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
    private Path reusable(RunSpec run, double rate) {
        if (run.level() != GradientLevel.PARAM
                || run.seed() != protocol.sweepSeed()
                || !protocol.sweepMethods()
                        .getOrDefault(run.optimizer(), List.of())
                        .contains(run.method())) {
            return null;
        }
        Path sweep =
                options.out
                        .resolve(options.benchmark)
                        .resolve(LrSweep.DIR)
                        .resolve(LrSweep.fileName(run, rate));
        if (!done(sweep, rate)) {
            return null;
        }
        try {
            JsonNode d = new ObjectMapper().readTree(sweep.toFile()).path("evaluation");
            return !options.diagnostics || d.path("diagnostics").isObject() ? sweep : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Whether {@code file} is a bundle of the same protocol (hash) and lr, so the run can be skipped. */
    private boolean done(Path file, double rate) {
        if (options.force || !Files.isRegularFile(file)) {
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

    /**
     * The rates of the protocol's lr sweep for {@code optimizer}; with {@code --lr}, only the rate
     * it names, which must be one of the grid's (so that two processes can share a sweep).
     */
    private List<Double> sweepGrid(String optimizer) {
        List<Double> grid = protocol.sweepGrid().getOrDefault(optimizer, List.of());
        if (options.lr == null) {
            return grid;
        }
        double rate = options.rates(options.lr).get(optimizer);
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

    /** The factors of {@code --loss-scales} in benchmark task order (1 for tasks not named), or null. */
    private double[] scales() throws IOException {
        if (options.lossScales == null || options.lossScales.isEmpty()) {
            return null;
        }
        List<String> names = taskNames();
        double[] scales = new double[names.size()];
        Arrays.fill(scales, 1);
        for (String item : options.lossScales) {
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

    /** The loss-scale study's bundle-name suffix: the factors and whether the encoder is frozen. */
    private String lossScaleSuffix(double[] scales) throws IOException {
        StringBuilder b = new StringBuilder();
        if (scales != null) {
            List<String> names = taskNames();
            b.append("_scales");
            for (int t = 0; t < scales.length; t++) {
                b.append('-')
                        .append(names.get(t))
                        .append(BigDecimal.valueOf(scales[t]).stripTrailingZeros().toPlainString());
            }
        }
        return b.append(options.freezeEncoder ? "_frozen" : "_free").toString();
    }

    private List<String> taskNames() throws IOException {
        return options.manifest().tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
    }
}
