package io.mtlboard.training.method;

import java.util.Objects;

/**
 * What a method sees at one training step: the T task losses and, for gradient methods, the T×D
 * matrix of per-task gradients (one row per task) of the shared parameters or of the shared
 * representation, flattened in one fixed order. Gradients are those of the raw losses L_i; a
 * method that transforms losses (DB-MTL's log, IMTL's scale) transforms the gradients itself.
 * The arrays are read, never modified.
 */
public record StepInput(double[] losses, double[][] gradients) {

    public StepInput {
        Objects.requireNonNull(losses, "losses");
        if (losses.length == 0) {
            throw new IllegalArgumentException("no task losses");
        }
        for (double loss : losses) {
            requireFinite(loss, "loss");
        }
        if (gradients != null) {
            requireMatrix(gradients, losses.length);
        }
    }

    /** Input for a method that needs only the losses. */
    public static StepInput ofLosses(double... losses) {
        return new StepInput(losses, null);
    }

    /** Number of tasks T. */
    public int tasks() {
        return losses.length;
    }

    private static void requireMatrix(double[][] g, int tasks) {
        if (g.length != tasks) {
            throw new IllegalArgumentException(g.length + " gradient rows for " + tasks + " tasks");
        }
        int dimension = Objects.requireNonNull(g[0], "gradient row").length;
        if (dimension == 0) {
            throw new IllegalArgumentException("empty gradients");
        }
        for (double[] row : g) {
            if (Objects.requireNonNull(row, "gradient row").length != dimension) {
                throw new IllegalArgumentException("gradient rows of different lengths");
            }
            for (double x : row) {
                requireFinite(x, "gradient component");
            }
        }
    }

    private static void requireFinite(double x, String what) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(what + " is not finite: " + x);
        }
    }
}
