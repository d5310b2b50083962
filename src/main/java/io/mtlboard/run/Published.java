package io.mtlboard.run;

/**
 * Δm as printed by the publication (gain sign), for comparison with the recomputed values;
 * {@code note} explains a difference the publication itself causes.
 */
public record Published(
        Double deltaMPerTask,
        Double deltaMPerTaskStd,
        Double deltaMFlat,
        Double deltaMFlatStd,
        String note) {}
