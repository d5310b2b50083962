package io.mtlboard.training;

import java.util.Arrays;

/**
 * Where a gradient method takes its per-task gradients (METHODS.md): of the shared parameters, one
 * backward pass per task, or of the shared representation z, backward through the heads only and
 * one backward of the combined vector through the encoder.
 */
public enum GradientLevel {
    PARAM("param"),
    FEATURE("feature");

    private final String id;

    GradientLevel(String id) {
        this.id = id;
    }

    /** The id used in run manifests and on the command line. */
    public String id() {
        return id;
    }

    /** The level with id {@code id}. */
    public static GradientLevel parse(String id) {
        return Arrays.stream(values())
                .filter(l -> l.id.equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown gradient level '"
                                                + id
                                                + "'; known: param, feature"));
    }
}
