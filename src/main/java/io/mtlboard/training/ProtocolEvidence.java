package io.mtlboard.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the bundles trained under one reference protocol show about it, for the benchmark page: the
 * learning-rate sweep (every candidate's validation score and the rate chosen, from the sweep
 * bundles kept in {@code lr-sweep/}) and, for every reference run, the convergence facts its bundle
 * recorded (the protocol's criterion per task) — so that a reader sees whether the criterion holds
 * rather than being told. Beside the recorded criterion each run and sweep candidate gets the
 * <em>late rise</em>: how much the best validation value of a task rose over the last five epochs
 * (oriented so that a rise is an improvement). The criterion asks whether the curve still moves; the
 * late rise asks whether the best-validation checkpoint was still improving, which a curve that
 * scatters or falls after its peak does not. When a bundle cannot be read the evidence is empty and
 * {@code problem} says why, so that the page still shows the protocol.
 */
public record ProtocolEvidence(
        List<String> tasks,
        List<SweepRow> sweep,
        List<RunRow> runs,
        int converged,
        double threshold,
        String problem) {

    /** No evidence, because the bundles could not be read: {@code problem} says why. */
    public static ProtocolEvidence unreadable(String problem) {
        return new ProtocolEvidence(List.of(), List.of(), List.of(), 0, Double.NaN, problem);
    }

    /**
     * Runs that miss the recorded criterion although every task's best validation value rose by
     * less than the threshold over the last {@link #LATE_EPOCHS} epochs: their curves scatter or
     * fall after the peak, which the best-validation checkpoint keeps.
     */
    public int plateaued() {
        return (int)
                runs.stream()
                        .filter(r -> Boolean.FALSE.equals(r.converged()))
                        .filter(r -> r.tasks().stream().allMatch(t -> t.lateRise() < threshold))
                        .count();
    }

    /**
     * Runs that miss the recorded criterion with some task's best validation value still rising by
     * the threshold or more over the last {@link #LATE_EPOCHS} epochs (or of unknown late rise):
     * the epoch budget may hold them back.
     */
    public int stillRising() {
        return (int) runs.stream().filter(r -> Boolean.FALSE.equals(r.converged())).count()
                - plateaued();
    }

    /** Epochs over which the late rise of the best validation value is taken. */
    public static final int LATE_EPOCHS = 5;

    /**
     * One optimizer and method of the sweep: its candidates in rate order, and the rates of the
     * protocol's grid for the optimizer (a sweep still running has fewer candidates, and its choice
     * is provisional).
     */
    public record SweepRow(
            String optimizer,
            String method,
            List<Candidate> candidates,
            List<Double> gridRates,
            double seedStd,
            int seedRuns) {

        /**
         * How far the chosen rate's score lies above the next best candidate's; NaN with fewer than
         * two candidates.
         */
        public double margin() {
            List<Double> scores =
                    candidates.stream()
                            .map(Candidate::score)
                            .sorted(Comparator.reverseOrder())
                            .toList();
            return scores.size() < 2 ? Double.NaN : scores.get(0) - scores.get(1);
        }

        /**
         * Whether the sweep's choice is within seed noise: its margin is below the two candidates'
         * seed stds added (2 × {@code seedStd}, the seed std of the score over the protocol's runs of
         * the method at the chosen rate, on the sweep's scale), the leaderboard's test for two rows
         * (mean ± std intervals overlap). Null when there is no margin or fewer than two such runs.
         */
        public Boolean withinNoise() {
            double margin = margin();
            if (!Double.isFinite(margin) || !Double.isFinite(seedStd)) {
                return null;
            }
            return margin < 2 * seedStd;
        }

        /** How many rates the protocol's grid has for the optimizer. */
        public int grid() {
            return gridRates.size();
        }

        /** Whether every rate of the grid has its run. */
        public boolean complete() {
            return candidates.stream().map(Candidate::lr).toList().containsAll(gridRates);
        }

        /**
         * {@code "highest"} or {@code "lowest"} when the sweep is complete and chose the highest or
         * the lowest rate of a grid of two or more: the best rate may then lie outside the grid;
         * null otherwise.
         */
        public String edge() {
            return LrSweep.edge(
                    gridRates, candidates.stream().map(Candidate::lr).toList(), chosenRate());
        }

        /** The rate chosen (so far); NaN without candidates. */
        public double chosenRate() {
            return candidates.stream()
                    .filter(Candidate::chosen)
                    .findFirst()
                    .map(Candidate::lr)
                    .orElse(Double.NaN);
        }
    }

    /** The complete sweeps whose chosen rate is the lowest or highest of the grid ({@link SweepRow#edge()}). */
    public List<SweepRow> sweepsAtEdge() {
        return sweep.stream().filter(w -> w.edge() != null).toList();
    }

    /** The complete sweeps whose choice is within seed noise ({@link SweepRow#withinNoise()}). */
    public List<SweepRow> sweepsWithinNoise() {
        return sweep.stream()
                .filter(SweepRow::complete)
                .filter(w -> Boolean.TRUE.equals(w.withinNoise()))
                .toList();
    }

    /** The complete sweeps with a known seed std at their chosen rate. */
    public List<SweepRow> sweepsWithSeedStd() {
        return sweep.stream()
                .filter(SweepRow::complete)
                .filter(w -> w.withinNoise() != null)
                .toList();
    }

    /** The complete sweeps. */
    public List<SweepRow> completeSweeps() {
        return sweep.stream().filter(SweepRow::complete).toList();
    }

    /** One swept rate: its score (as the sweep ranks them), whether it won, its largest late rise. */
    public record Candidate(double lr, double score, boolean chosen, double lateRise) {}

    /** One reference run and what its bundle recorded about its convergence. */
    public record RunRow(
            String method,
            String level,
            String optimizer,
            int seed,
            double lr,
            List<TaskFacts> tasks,
            Boolean converged) {}

    /**
     * One task of a run: the change of its validation metric over the last two epochs (recorded by
     * the criterion; null when the bundle has none), the late rise, and the checkpoint epoch.
     */
    public record TaskFacts(Double change, double lateRise, Integer checkpointEpoch) {}

    /** Whether anything was trained under the protocol yet. */
    public boolean isEmpty() {
        return sweep.isEmpty() && runs.isEmpty();
    }

    /**
     * The evidence of {@code protocol} from the bundles in {@code referenceDir} (a benchmark's
     * reference directory: its runs, and {@code lr-sweep/} below it); bundles of other protocols
     * are ignored.
     */
    public static ProtocolEvidence read(
            Path referenceDir, ReferenceProtocol protocol, BenchmarkManifest manifest)
            throws IOException {
        List<String> tasks =
                manifest.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
        List<RunRow> runs = new ArrayList<>();
        List<JsonNode> bundles = bundles(referenceDir, protocol);
        for (JsonNode bundle : bundles) {
            JsonNode m = bundle.path("manifest");
            JsonNode c = bundle.path("training").path("convergence");
            List<TaskFacts> facts = new ArrayList<>();
            double[] rise = lateRise(bundle, manifest);
            for (int t = 0; t < tasks.size(); t++) {
                JsonNode task = c.path("tasks").path(tasks.get(t));
                JsonNode epoch = c.path("checkpointEpoch").path(tasks.get(t));
                facts.add(
                        new TaskFacts(
                                task.path("change").isNumber()
                                        ? task.path("change").asDouble()
                                        : null,
                                rise[t],
                                epoch.isInt() ? epoch.asInt() : null));
            }
            runs.add(
                    new RunRow(
                            m.path("method").asText(),
                            m.path("gradientLevel").asText(),
                            m.path("optimizer").asText(),
                            m.path("seed").asInt(),
                            m.path("hyperParameters").path("lr").asDouble(),
                            facts,
                            c.path("converged").isBoolean()
                                    ? c.path("converged").asBoolean()
                                    : null));
        }
        runs.sort(
                Comparator.comparing(RunRow::optimizer)
                        .thenComparing(
                                r -> "stl".equals(r.method()) ? 0 : "ew".equals(r.method()) ? 1 : 2)
                        .thenComparing(RunRow::method)
                        .thenComparing(RunRow::level, Comparator.reverseOrder())
                        .thenComparingInt(RunRow::seed));
        int converged = (int) runs.stream().filter(r -> Boolean.TRUE.equals(r.converged())).count();
        return new ProtocolEvidence(
                tasks,
                sweep(referenceDir.resolve(LrSweep.DIR), protocol, manifest, bundles),
                runs,
                converged,
                protocol.convergenceThreshold(),
                null);
    }

    private static List<SweepRow> sweep(
            Path dir,
            ReferenceProtocol protocol,
            BenchmarkManifest manifest,
            List<JsonNode> protocolRuns)
            throws IOException {
        LrSweep.Choice choice = LrSweep.choose(dir, protocol, manifest);
        Map<String, Map<String, Map<Double, Double>>> rises = new TreeMap<>();
        Map<String, Map<String, List<double[]>>> values = new TreeMap<>();
        for (JsonNode bundle : bundles(dir, protocol)) {
            JsonNode m = bundle.path("manifest");
            double largest = Double.NEGATIVE_INFINITY;
            for (double r : lateRise(bundle, manifest)) {
                largest = Math.max(largest, r);
            }
            rises.computeIfAbsent(m.path("optimizer").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(m.path("method").asText(), k -> new TreeMap<>())
                    .put(m.path("hyperParameters").path("lr").asDouble(), largest);
            values.computeIfAbsent(m.path("optimizer").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(m.path("method").asText(), k -> new ArrayList<>())
                    .add(LrSweep.checkpointValues(bundle, manifest));
        }
        List<SweepRow> rows = new ArrayList<>();
        for (var perOptimizer : choice.scores().entrySet()) {
            String optimizer = perOptimizer.getKey();
            for (var perMethod : perOptimizer.getValue().entrySet()) {
                String method = perMethod.getKey();
                double chosen = choice.best().get(optimizer).get(method);
                List<Candidate> candidates = new ArrayList<>();
                perMethod
                        .getValue()
                        .forEach(
                                (lr, score) ->
                                        candidates.add(
                                                new Candidate(
                                                        lr,
                                                        score,
                                                        lr == chosen,
                                                        rises.get(optimizer)
                                                                .get(method)
                                                                .getOrDefault(lr, Double.NaN))));
                // the seed noise of the score at the chosen rate, on the sweep's own scale
                double[] scale = LrSweep.scale(values.get(optimizer).get(method));
                List<Double> seedScores = new ArrayList<>();
                for (JsonNode run : protocolRuns) {
                    JsonNode m = run.path("manifest");
                    if (optimizer.equals(m.path("optimizer").asText())
                            && method.equals(m.path("method").asText())
                            && "param".equals(m.path("gradientLevel").asText("param"))
                            && m.path("hyperParameters").path("lr").asDouble() == chosen) {
                        seedScores.add(
                                LrSweep.score(LrSweep.checkpointValues(run, manifest), scale));
                    }
                }
                rows.add(
                        new SweepRow(
                                optimizer,
                                method,
                                candidates,
                                protocol.sweepGrid().getOrDefault(optimizer, List.of()),
                                seedScores.size() < 2
                                        ? Double.NaN
                                        : io.mtlboard.leaderboard.SeedStats.of(seedScores).std(),
                                seedScores.size()));
            }
        }
        return rows;
    }

    /**
     * Per task, how much its best validation value (first metric, higher is better after
     * orientation) rose over the last {@link #LATE_EPOCHS} epochs: best over all epochs minus best
     * over all but the last five; NaN with fewer than six epochs.
     */
    static double[] lateRise(JsonNode bundle, BenchmarkManifest manifest) {
        JsonNode log = bundle.path("manifest").path("trainingLog");
        List<BenchmarkManifest.TaskSpec> tasks = manifest.tasks();
        double[] rise = new double[tasks.size()];
        int epochs = log.size();
        for (int t = 0; t < rise.length; t++) {
            if (epochs <= LATE_EPOCHS) {
                rise[t] = Double.NaN;
                continue;
            }
            BenchmarkManifest.TaskSpec task = tasks.get(t);
            String key = task.name() + "." + task.metrics().get(0).name();
            double sign = Boolean.FALSE.equals(task.metrics().get(0).higherIsBetter()) ? -1 : 1;
            double before = Double.NEGATIVE_INFINITY;
            double all = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < epochs; e++) {
                JsonNode v = log.get(e).path("validation").path(key);
                if (!v.isNumber()) {
                    continue;
                }
                double x = sign * v.asDouble();
                all = Math.max(all, x);
                if (e < epochs - LATE_EPOCHS) {
                    before = Math.max(before, x);
                }
            }
            rise[t] =
                    Double.isInfinite(all) || Double.isInfinite(before) ? Double.NaN : all - before;
        }
        return rise;
    }

    /** The bundles in {@code dir} (not below it) trained under {@code protocol}, by file name. */
    static List<JsonNode> bundles(Path dir, ReferenceProtocol protocol) throws IOException {
        List<JsonNode> bundles = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return bundles;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                JsonNode bundle = json.readTree(f.toFile());
                if (protocol.hash().equals(bundle.path("protocol").path("hash").asText())) {
                    bundles.add(bundle);
                }
            }
        }
        return bundles;
    }

    /** Seeds every method variant of the study is to have (issue: 3 seeds, 5 for STL and EW). */
    static int targetSeeds(String method) {
        return "stl".equals(method) || "ew".equals(method) ? 5 : 3;
    }

    /**
     * Which seeds the protocol's bundles hold per method and (optimizer, gradient level), and the
     * methods paired at both gradient levels with their target number of seeds on each side under
     * one optimizer — what the levels page's verdicts rest on.
     *
     * @param columns "optimizer · level", optimizers in the order of {@link #runs}, param first
     * @param rows one per method, in the order of {@link #runs}
     * @param paired the methods paired at both levels with their target seeds, in row order
     */
    public record Coverage(List<String> columns, List<CoverageRow> rows, List<String> paired) {}

    /**
     * One method: its target number of seeds and, per column of {@link Coverage#columns}, the seeds
     * trained.
     */
    public record CoverageRow(String method, int target, List<Cell> cells) {}

    /** The seeds of one method in one column (empty when none), and whether they reach its target. */
    public record Cell(List<Integer> seeds, boolean met) {}

    /** The coverage of the study under this protocol, from {@link #runs}. */
    public Coverage coverage() {
        List<String> optimizers = new ArrayList<>();
        Map<String, Map<String, TreeSet<Integer>>> byMethod = new LinkedHashMap<>();
        for (RunRow r : runs) {
            if (!optimizers.contains(r.optimizer())) {
                optimizers.add(r.optimizer());
            }
            byMethod.computeIfAbsent(r.method(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.optimizer() + " · " + r.level(), k -> new TreeSet<>())
                    .add(r.seed());
        }
        List<String> columns = new ArrayList<>();
        for (String o : optimizers) {
            for (String level : List.of("param", "feature")) {
                String column = o + " · " + level;
                if (byMethod.values().stream().anyMatch(m -> m.containsKey(column))) {
                    columns.add(column);
                }
            }
        }
        List<CoverageRow> rows = new ArrayList<>();
        List<String> paired = new ArrayList<>();
        byMethod.forEach(
                (method, cells) -> {
                    int target = targetSeeds(method);
                    rows.add(
                            new CoverageRow(
                                    method,
                                    target,
                                    columns.stream()
                                            .map(
                                                    c -> {
                                                        List<Integer> seeds =
                                                                List.copyOf(
                                                                        cells.getOrDefault(
                                                                                c,
                                                                                new TreeSet<>()));
                                                        return new Cell(
                                                                seeds, seeds.size() >= target);
                                                    })
                                            .toList()));
                    if (optimizers.stream()
                            .anyMatch(
                                    o ->
                                            cells.getOrDefault(o + " · param", new TreeSet<>())
                                                                    .size()
                                                            >= target
                                                    && cells.getOrDefault(
                                                                            o + " · feature",
                                                                            new TreeSet<>())
                                                                    .size()
                                                            >= target)) {
                        paired.add(method);
                    }
                });
        return new Coverage(columns, rows, paired);
    }

    /** Rows of {@link #runs} grouped by optimizer, for the page. */
    public Map<String, List<RunRow>> runsByOptimizer() {
        Map<String, List<RunRow>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.optimizer(), k -> new ArrayList<>()).add(r));
        return by;
    }
}
