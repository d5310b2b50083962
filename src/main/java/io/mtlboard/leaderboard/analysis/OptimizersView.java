package io.mtlboard.leaderboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import java.util.List;

/**
 * {@code GET /api/analysis/optimizers}: each method trained with SGD and with Adam on the same
 * backbone, paired (Elich et al., arXiv 2311.04698: Adam is a strong MTL baseline). In each pair
 * {@code first} is SGD and {@code second} Adam, so a positive difference means Adam is better.
 *
 * @param pairs best Adam gain first
 * @param adamBetter pairs where Adam's Δm is higher
 * @param agreement agreement of the method rankings by Δm under Adam and under SGD
 * @param message the "no data yet" or "too little data" statement, or null
 */
public record OptimizersView(Scope scope, CoefficientChoice coefficient, List<PairView> pairs, int adamBetter,
        Agreement agreement, String message, List<String> notes) {
}
