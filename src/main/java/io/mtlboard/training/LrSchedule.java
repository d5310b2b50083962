package io.mtlboard.training;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the learning rate of a run changes over its steps, as a factor of the protocol's rate:
 * {@code constant}, or {@code cosine} annealing to zero over the whole run, as {@code
 * torch.optim.lr_scheduler.CosineAnnealingLR} with {@code T_max} = the run's steps and {@code
 * eta_min} = 0 stepped once per optimizer step: step t (from 0) takes lr · ½ (1 + cos(π t / T)).
 * A protocol without {@code lrSchedule} keeps the rate constant.
 */
public enum LrSchedule {
    CONSTANT("constant"),
    COSINE("cosine");

    private final String id;

    LrSchedule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The schedule named {@code id}; null or blank is {@link #CONSTANT}. */
    public static LrSchedule parse(String id) {
        if (id == null || id.isBlank()) {
            return CONSTANT;
        }
        return Arrays.stream(values())
                .filter(s -> s.id.equals(id.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown lr schedule '"
                                                + id
                                                + "'; known: constant, cosine"));
    }

    /** The factor of the base rate at step {@code step} (from 0) of a run of {@code steps} steps. */
    public double factor(long step, long steps) {
        if (this == CONSTANT) {
            return 1.0;
        }
        if (steps < 1 || step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " outside a run of " + steps);
        }
        return 0.5 * (1 + Math.cos(Math.PI * step / steps));
    }
}
