package io.mtlboard.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learning-rate sweep of a reference protocol and the choice it makes. Sweep runs are kept
 * as evidence in {@code <reference dir>/<benchmark>/lr-sweep/} (one level below the bundles the
 * portal imports, so they never become leaderboard rows). For every optimizer and swept method
 * the rate whose checkpoint scores best on validation wins; the score of a run is the mean over
 * tasks of the task's first metric at the task's checkpoint epoch, oriented so that higher is
 * better and divided by the mean magnitude of that metric over the method's candidates (so
 * tasks with different units weigh alike). Runs use: their own method's rate when it was swept
 * for the optimizer, otherwise the single-task baseline's rate for {@code stl} and EW's rate for
 * every other method.
 */
final class LrSweep {

    /** The sweep's directory name under the benchmark's reference directory. */
    static final String DIR = "lr-sweep";

    private LrSweep() {}

    /** The bundle file name of a sweep run at rate {@code rate}. */
    static String fileName(RunSpec run, double rate) {
        return run.name()
                + "_lr"
                + BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString()
                + ".json";
    }

    /** The chosen rates: per optimizer, per swept method, with each candidate's score. */
    record Choice(
            Map<String, Map<String, Double>> best,
            Map<String, Map<String, Map<Double, Double>>> scores) {

        /** The rate of {@code method} with {@code optimizer}. */
        double rate(String optimizer, String method) {
            Map<String, Double> perMethod = best.get(optimizer);
            if (perMethod == null || perMethod.isEmpty()) {
                throw new IllegalStateException(
                        "no lr sweep results for "
                                + optimizer
                                + ": run the protocol's lr "
                                + "sweep first (reference --protocol … --lr-sweep)");
            }
            if (perMethod.containsKey(method)) {
                return perMethod.get(method);
            }
            String fallback = RunSpec.SINGLE_TASK.equals(method) ? RunSpec.SINGLE_TASK : "ew";
            Double rate = perMethod.get(fallback);
            if (rate == null) {
                throw new IllegalStateException(
                        "the lr sweep for "
                                + optimizer
                                + " has no "
                                + fallback
                                + " runs, which choose the rate of "
                                + method);
            }
            return rate;
        }

        /**
         * The sweep runs still missing for the rate of {@code method} with {@code optimizer}: every
         * rate of the protocol's grid for the method whose sweep chooses it (the method itself when
         * the protocol sweeps it, else single-task's for single-task and EW's for the others), as
         * "ew at 0.003"; empty when that sweep is complete or the protocol sweeps no rate for the
         * optimizer.
         */
        List<String> missing(ReferenceProtocol protocol, String optimizer, String method) {
            List<Double> grid = protocol.sweepGrid().getOrDefault(optimizer, List.of());
            List<String> swept = protocol.sweepMethods().getOrDefault(optimizer, List.of());
            String source =
                    swept.contains(method)
                            ? method
                            : RunSpec.SINGLE_TASK.equals(method) ? RunSpec.SINGLE_TASK : "ew";
            Map<Double, Double> done =
                    scores.getOrDefault(optimizer, Map.of()).getOrDefault(source, Map.of());
            List<String> missing = new ArrayList<>();
            for (double rate : grid) {
                if (!done.containsKey(rate)) {
                    missing.add(
                            source
                                    + " at "
                                    + BigDecimal.valueOf(rate)
                                            .stripTrailingZeros()
                                            .toPlainString());
                }
            }
            return missing;
        }

        /**
         * One line per optimizer and method: the candidates' scores and the winner, marked when the
         * sweep is complete and the winner is the lowest or highest rate of {@code protocol}'s grid
         * (the best rate may then lie outside the grid).
         */
        String describe(ReferenceProtocol protocol) {
            StringBuilder b = new StringBuilder("lr sweep:");
            scores.forEach(
                    (optimizer, perMethod) ->
                            perMethod.forEach(
                                    (method, candidates) -> {
                                        b.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        "%n  %s %-8s",
                                                        optimizer,
                                                        method));
                                        candidates.forEach(
                                                (rate, score) ->
                                                        b.append(
                                                                String.format(
                                                                        Locale.ROOT,
                                                                        "  %g: %.4f",
                                                                        rate,
                                                                        score)));
                                        double winner = best.get(optimizer).get(method);
                                        b.append(String.format(Locale.ROOT, "  → %g", winner));
                                        String edge =
                                                edge(
                                                        protocol.sweepGrid()
                                                                .getOrDefault(optimizer, List.of()),
                                                        candidates.keySet(),
                                                        winner);
                                        if (edge != null) {
                                            b.append(
                                                    " (the grid's "
                                                            + edge
                                                            + " rate: the best may lie "
                                                            + ("highest".equals(edge)
                                                                    ? "above"
                                                                    : "below")
                                                            + " it)");
                                        }
                                    }));
            return b.toString();
        }
    }

    /**
     * {@code "highest"} or {@code "lowest"} when every rate of {@code grid} (two or more) was run
     * and {@code chosen} is its highest or lowest rate; null otherwise.
     */
    static String edge(List<Double> grid, java.util.Collection<Double> run, double chosen) {
        if (grid.size() < 2 || !run.containsAll(grid)) {
            return null;
        }
        if (chosen == grid.stream().mapToDouble(Double::doubleValue).max().orElseThrow()) {
            return "highest";
        }
        if (chosen == grid.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) {
            return "lowest";
        }
        return null;
    }

    /** The choice from the sweep bundles in {@code dir} trained under {@code protocol} (others are ignored). */
    static Choice choose(Path dir, ReferenceProtocol protocol, BenchmarkManifest manifest)
            throws IOException {
        return choose(ProtocolEvidence.bundles(dir, protocol), manifest);
    }

    /** The choice from sweep bundles already read (all of one protocol). */
    static Choice choose(List<JsonNode> sweepBundles, BenchmarkManifest manifest) {
        Map<String, Map<String, Map<Double, double[]>>> values = new TreeMap<>();
        for (JsonNode bundle : sweepBundles) {
            JsonNode m = bundle.path("manifest");
            values.computeIfAbsent(m.path("optimizer").asText(), k -> new TreeMap<>())
                    .computeIfAbsent(m.path("method").asText(), k -> new TreeMap<>())
                    .put(
                            m.path("hyperParameters").path("lr").asDouble(),
                            checkpointValues(bundle, manifest));
        }
        Map<String, Map<String, Double>> best = new LinkedHashMap<>();
        Map<String, Map<String, Map<Double, Double>>> scores = new LinkedHashMap<>();
        values.forEach(
                (optimizer, perMethod) ->
                        perMethod.forEach(
                                (method, candidates) -> {
                                    Map<Double, Double> s = scores(candidates);
                                    scores.computeIfAbsent(optimizer, k -> new LinkedHashMap<>())
                                            .put(method, s);
                                    double winner =
                                            s.entrySet().stream()
                                                    .max(Map.Entry.comparingByValue())
                                                    .orElseThrow()
                                                    .getKey();
                                    best.computeIfAbsent(optimizer, k -> new LinkedHashMap<>())
                                            .put(method, winner);
                                }));
        return new Choice(best, scores);
    }

    /** Each candidate's score: mean over tasks of its oriented value over the candidates' mean magnitude. */
    static Map<Double, Double> scores(Map<Double, double[]> candidates) {
        double[] scale = scale(candidates.values());
        Map<Double, Double> scores = new TreeMap<>();
        candidates.forEach((rate, v) -> scores.put(rate, score(v, scale)));
        return scores;
    }

    /** Per task, the mean magnitude of the values over {@code candidates} (each a value per task). */
    static double[] scale(java.util.Collection<double[]> candidates) {
        int tasks = candidates.iterator().next().length;
        double[] scale = new double[tasks];
        for (double[] v : candidates) {
            for (int t = 0; t < tasks; t++) {
                scale[t] += Math.abs(v[t]) / candidates.size();
            }
        }
        return scale;
    }

    /** The score of per-task values {@code v} on {@code scale}: mean over tasks of v / scale; −∞ if not finite. */
    static double score(double[] v, double[] scale) {
        double score = 0;
        for (int t = 0; t < v.length; t++) {
            score += v[t] / (scale[t] > 0 ? scale[t] : 1) / v.length;
        }
        return Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY;
    }

    /** Per task, the first metric's validation value at the task's checkpoint epoch, higher is better. */
    static double[] checkpointValues(JsonNode bundle, BenchmarkManifest manifest) {
        List<BenchmarkManifest.TaskSpec> tasks = manifest.tasks();
        double[] v = new double[tasks.size()];
        JsonNode log = bundle.path("manifest").path("trainingLog");
        JsonNode epochs = bundle.path("training").path("convergence").path("checkpointEpoch");
        for (int t = 0; t < v.length; t++) {
            BenchmarkManifest.TaskSpec task = tasks.get(t);
            String key = task.name() + "." + task.metrics().get(0).name();
            int epoch = epochs.path(task.name()).asInt(log.size());
            double value = log.get(epoch - 1).path("validation").path(key).asDouble(Double.NaN);
            v[t] = Boolean.FALSE.equals(task.metrics().get(0).higherIsBetter()) ? -value : value;
        }
        return v;
    }
}
