package io.mtlboard.run;

import java.util.List;

/** The closed vocabularies of a run's training setting. */
public final class RunSettings {

    /** Optimizers a run can name; {@code unreported} when a publication does not say. */
    public static final List<String> OPTIMIZERS =
            List.of("adam", "adamw", "sgd", "signsgd", "unreported");

    /**
     * Where per-task gradients are taken: {@code param} (shared parameters) or {@code feature}
     * (the shared representation, METHODS.md).
     */
    public static final List<String> GRADIENT_LEVELS = List.of("param", "feature");

    private RunSettings() {}
}
