package io.mtlboard.training;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.support.FiniteOrNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        @JsonSerialize(using = FiniteOrNull.class) double threshold,
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
    @JsonProperty
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
    @JsonProperty
    public int stillRising() {
        return (int) runs.stream().filter(r -> Boolean.FALSE.equals(r.converged())).count()
                - plateaued();
    }

    /** Epochs over which the late rise of the best validation value is taken. */
    public static final int LATE_EPOCHS = 5;

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
     * One task of a run: its name, the change of its validation metric over the last two epochs
     * (recorded by the criterion; null when the bundle has none), the late rise, and the checkpoint
     * epoch.
     */
    public record TaskFacts(
            String task,
            Double change,
            @JsonSerialize(using = FiniteOrNull.class) double lateRise,
            Integer checkpointEpoch) {}

    /** Whether anything was trained under the protocol yet. */
    @JsonIgnore
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
                                tasks.get(t),
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
                SweepRow.read(referenceDir.resolve(LrSweep.DIR), protocol, manifest, bundles),
                runs,
                converged,
                protocol.convergenceThreshold(),
                null);
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

    /** The coverage of the study under this protocol, from {@link #runs}. */
    @JsonProperty
    public StudyCoverage coverage() {
        return StudyCoverage.of(runs);
    }

    /** Rows of {@link #runs} grouped by optimizer, for the page. */
    public Map<String, List<RunRow>> runsByOptimizer() {
        Map<String, List<RunRow>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.optimizer(), k -> new ArrayList<>()).add(r));
        return by;
    }
}
