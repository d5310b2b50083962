package io.mtlboard.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verification of claims (METRICS.md §8): a claimed value c agrees with the measured value m when
 * {@code |c − m| ≤ max(abs_tol, rel_tol · |m|)}. A run is VERIFIED when every claimed metric
 * agrees and DISCREPANT otherwise.
 */
public final class ClaimCheck {

    private ClaimCheck() {}

    /** A metric's tolerance from the benchmark manifest. */
    public record Tolerance(double abs, double rel) {}

    /** Per-metric agreement and the overall verdict. */
    public record Outcome(Map<String, Boolean> agrees, String verdict) {}

    /** Whether one claim agrees with its measurement. */
    public static boolean agrees(double claimed, double measured, Tolerance tolerance) {
        return Math.abs(claimed - measured)
                <= Math.max(tolerance.abs(), tolerance.rel() * Math.abs(measured));
    }

    /**
     * Compares every claim with its measurement.
     *
     * @throws IllegalArgumentException when a claimed metric was not measured or has no tolerance
     */
    public static Outcome compare(
            Map<String, Double> claims,
            Map<String, Double> measured,
            Map<String, Tolerance> tolerances) {
        Map<String, Boolean> agrees = new LinkedHashMap<>();
        boolean all = true;
        for (Map.Entry<String, Double> claim : claims.entrySet()) {
            Double m = measured.get(claim.getKey());
            Tolerance t = tolerances.get(claim.getKey());
            if (m == null || t == null) {
                throw new IllegalArgumentException(
                        "metric '" + claim.getKey() + "' was not measured");
            }
            boolean ok = agrees(claim.getValue(), m, t);
            agrees.put(claim.getKey(), ok);
            all &= ok;
        }
        return new Outcome(agrees, all ? "VERIFIED" : "DISCREPANT");
    }
}
