package io.mtlboard.training.method;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Creates the MTL methods of METHODS.md by their {@code methods.json} id, with the default
 * hyper-parameters of the common open-source implementations, optionally overridden by name.
 * The seed drives every random choice of the method (RLW's weights, the task order of PCGrad and
 * GradVac, GradDrop's thresholds), so a run is reproducible from it. Learnable weights (UW,
 * GradNorm, IMTL-L, IMTL) use Adam at {@code lr}, standing in for the model's optimizer.
 */
public final class MtlMethods {

    private static final List<String> IDS =
            List.of(
                    "ew",
                    "uw",
                    "gradnorm",
                    "dwa",
                    "rlw",
                    "gls",
                    "mgda",
                    "pcgrad",
                    "graddrop",
                    "gradvac",
                    "cagrad",
                    "imtl-g",
                    "imtl-l",
                    "imtl",
                    "nash-mtl",
                    "aligned-mtl",
                    "db-mtl",
                    "famo",
                    "moco");

    private MtlMethods() {}

    /** The ids this factory knows, in the order of METHODS.md. */
    public static List<String> ids() {
        return IDS;
    }

    /** The default hyper-parameters of {@code id} by name (numbers, or MGDA's normalization). */
    public static Map<String, Object> defaults(String id) {
        Map<String, Object> h = new LinkedHashMap<>();
        switch (requireKnown(id)) {
            case "uw" -> {
                h.put("lr", 1e-3);
                h.put("initialLogVariance", -0.5);
            }
            case "gradnorm" -> {
                h.put("alpha", 1.5);
                h.put("lr", 1e-3);
            }
            case "dwa" -> h.put("temperature", 2.0);
            case "mgda" -> h.put("normalization", "none");
            case "gradvac" -> h.put("beta", 0.5);
            case "cagrad" -> h.put("c", 0.5);
            case "imtl-l", "imtl" -> h.put("lr", 1e-3);
            case "nash-mtl" -> h.put("maxNorm", 1.0);
            case "db-mtl" -> h.put("beta", 0.9);
            case "famo" -> {
                h.put("lr", 0.025);
                h.put("weightDecay", 1e-3);
            }
            case "moco" -> {
                h.put("beta", 0.5);
                h.put("betaDecay", 0.5);
                h.put("gamma", 0.1);
                h.put("gammaDecay", 0.5);
                h.put("rho", 0.0);
            }
            default -> {
                // ew, rlw, gls, pcgrad, graddrop, imtl-g, aligned-mtl have none
            }
        }
        return Collections.unmodifiableMap(h);
    }

    /** The method {@code id} for {@code tasks} tasks with its default hyper-parameters. */
    public static MtlMethod create(String id, long seed, int tasks) {
        return create(id, seed, tasks, Map.of());
    }

    /**
     * The method {@code id} for {@code tasks} tasks, with the named hyper-parameters replacing
     * the defaults; an unknown id or name, or a value of the wrong type, is rejected.
     */
    public static MtlMethod create(
            String id, long seed, int tasks, Map<String, ?> hyperParameters) {
        Map<String, Object> h = new HashMap<>(defaults(id));
        for (var entry : hyperParameters.entrySet()) {
            Object current = h.get(entry.getKey());
            if (current == null) {
                throw new IllegalArgumentException(
                        id
                                + " has no hyper-parameter '"
                                + entry.getKey()
                                + "'; known: "
                                + new TreeSet<>(h.keySet()));
            }
            if (current instanceof Number != entry.getValue() instanceof Number
                    || current instanceof String != entry.getValue() instanceof String) {
                throw new IllegalArgumentException(
                        id
                                + " hyper-parameter '"
                                + entry.getKey()
                                + "' must be a "
                                + (current instanceof Number ? "number" : "string"));
            }
            h.put(entry.getKey(), entry.getValue());
        }
        return build(id, new CountingRandom(seed), tasks, h);
    }

    private static MtlMethod build(
            String id, CountingRandom random, int tasks, Map<String, Object> h) {
        return switch (id) {
            case "ew" -> new EqualWeighting(tasks);
            case "uw" ->
                    new UncertaintyWeighting(tasks, number(h, "initialLogVariance"), adam(h, "lr"));
            case "gradnorm" -> new GradNorm(tasks, number(h, "alpha"), adam(h, "lr"));
            case "dwa" -> new DynamicWeightAverage(tasks, number(h, "temperature"));
            case "rlw" -> new RandomLossWeighting(tasks, random);
            case "gls" -> new GeometricLossStrategy(tasks);
            case "mgda" ->
                    new Mgda(tasks, Mgda.Normalization.parse((String) h.get("normalization")));
            case "pcgrad" -> new PcGrad(tasks, random);
            case "graddrop" -> new GradDrop(tasks, random);
            case "gradvac" -> new GradVac(tasks, number(h, "beta"), random);
            case "cagrad" -> new CaGrad(tasks, number(h, "c"));
            case "imtl-g" -> new Imtl(tasks);
            case "imtl-l" -> new Imtl(tasks, false, adam(h, "lr"));
            case "imtl" -> new Imtl(tasks, true, adam(h, "lr"));
            case "nash-mtl" -> new NashMtl(tasks, number(h, "maxNorm"));
            case "aligned-mtl" -> new AlignedMtl(tasks);
            case "db-mtl" -> new DbMtl(tasks, number(h, "beta"));
            case "famo" ->
                    new Famo(
                            tasks,
                            ParameterOptimizer.adam(number(h, "lr"), number(h, "weightDecay")));
            case "moco" ->
                    new MoCo(
                            tasks,
                            number(h, "beta"),
                            number(h, "betaDecay"),
                            number(h, "gamma"),
                            number(h, "gammaDecay"),
                            number(h, "rho"));
            default -> throw new IllegalStateException("no constructor for " + id);
        };
    }

    private static String requireKnown(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("unknown MTL method '" + id + "'; known: " + IDS);
        }
        return id;
    }

    private static double number(Map<String, Object> h, String name) {
        return ((Number) h.get(name)).doubleValue();
    }

    private static ParameterOptimizer adam(Map<String, Object> h, String name) {
        return ParameterOptimizer.adam(number(h, name), 0);
    }
}
