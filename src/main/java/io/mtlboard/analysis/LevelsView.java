package io.mtlboard.analysis;

import java.util.List;

/**
 * {@code GET /api/analysis/levels}: each method with both a parameter-level and a feature-level
 * row, paired (Mao et al., arXiv 2402.03557: only MGDA and Aligned-MTL reliably profit from the
 * feature-level surrogate). In each pair, {@code first} is the parameter level and {@code second}
 * the feature level, so a positive difference means the method gains from the surrogate.
 *
 * @param pairs best gain first
 * @param gaining pairs whose feature-level Δm is higher
 * @param message the "no data yet" or "too little data" statement, or null
 */
public record LevelsView(
        Scope scope, List<PairView> pairs, int gaining, String message, List<String> notes) {}
