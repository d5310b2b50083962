package io.mtlboard.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.support.FiniteOrNull;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

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
        @JsonSerialize(using = FiniteOrNull.class) double seedStd,
        int seedRuns) {

    /**
     * How far the chosen rate's score lies above the next best candidate's; NaN with fewer than
     * two candidates.
     */
    @JsonProperty
    @JsonSerialize(using = FiniteOrNull.class)
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
    @JsonProperty
    public Boolean withinNoise() {
        double margin = margin();
        if (!Double.isFinite(margin) || !Double.isFinite(seedStd)) {
            return null;
        }
        return margin < 2 * seedStd;
    }

    /** How many rates the protocol's grid has for the optimizer. */
    @JsonProperty
    public int grid() {
        return gridRates.size();
    }

    /** Whether every rate of the grid has its run. */
    @JsonProperty
    public boolean complete() {
        return candidates.stream().map(Candidate::lr).toList().containsAll(gridRates);
    }

    /**
     * {@code "highest"} or {@code "lowest"} when the sweep is complete and chose the highest or
     * the lowest rate of a grid of two or more: the best rate may then lie outside the grid;
     * null otherwise.
     */
    @JsonProperty
    public String edge() {
        return LrSweep.edge(
                gridRates, candidates.stream().map(Candidate::lr).toList(), chosenRate());
    }

    /** The rate chosen (so far); NaN without candidates. */
    @JsonProperty
    @JsonSerialize(using = FiniteOrNull.class)
    public double chosenRate() {
        return candidates.stream()
                .filter(Candidate::chosen)
                .findFirst()
                .map(Candidate::lr)
                .orElse(Double.NaN);
    }

    /** One swept rate: its score (as the sweep ranks them), whether it won, its largest late rise. */
    public record Candidate(
            double lr,
            @JsonSerialize(using = FiniteOrNull.class) double score,
            boolean chosen,
            @JsonSerialize(using = FiniteOrNull.class) double lateRise) {}

    /**
     * The sweep of {@code protocol} from the sweep bundles in {@code dir}, one row per optimizer and
     * method, with the seed std of the score at each chosen rate from {@code protocolRuns} (the
     * protocol's own runs, whose checkpoint values are scored on the sweep's scale).
     */
    static List<SweepRow> read(
            Path dir,
            ReferenceProtocol protocol,
            BenchmarkManifest manifest,
            List<JsonNode> protocolRuns)
            throws IOException {
        List<JsonNode> sweepBundles = ProtocolEvidence.bundles(dir, protocol);
        LrSweep.Choice choice = LrSweep.choose(sweepBundles, manifest);
        Map<String, Map<String, Map<Double, Double>>> rises = new TreeMap<>();
        Map<String, Map<String, List<double[]>>> values = new TreeMap<>();
        for (JsonNode bundle : sweepBundles) {
            JsonNode m = bundle.path("manifest");
            double largest = Double.NEGATIVE_INFINITY;
            for (double r : ProtocolEvidence.lateRise(bundle, manifest)) {
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
                                        : new StandardDeviation()
                                                .evaluate(
                                                        seedScores.stream()
                                                                .mapToDouble(Double::doubleValue)
                                                                .toArray()),
                                seedScores.size()));
            }
        }
        return rows;
    }
}
