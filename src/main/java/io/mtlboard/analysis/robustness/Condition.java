package io.mtlboard.analysis.robustness;

import java.util.Objects;

/**
 * One corruption at one severity (METRICS.md §7, after Hendrycks &amp; Dietterich as used by
 * Elich et al., arXiv 2311.04698), e.g. Gaussian noise at severity 3.
 *
 * @param corruption the corruption's id, e.g. {@code gaussian_noise}
 * @param severity 1 (mildest) to 5
 */
public record Condition(String corruption, int severity) {

    public Condition {
        Objects.requireNonNull(corruption, "corruption");
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be 1 to 5, got " + severity);
        }
    }
}
