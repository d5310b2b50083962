package io.mtlboard.analysis.grouping;

/**
 * One budget of the loss-vs-budget curve of Standley et al. (ICML 2020; METRICS.md
 * §6). Losses are totals over all tasks (lower is better); each is null when nothing fits the
 * budget (or, for {@code approximationLoss}, when the approximation's choice was not measured).
 *
 * @param budget the inference budget
 * @param exactLoss the optimal grouping's total loss
 * @param approximationLoss the measured total loss of the grouping the higher-order approximation
 *     chooses
 * @param approximationPredictedLoss the total loss the approximation predicts for its choice
 * @param allInOneLoss the best single network solving every task
 * @param independentLoss the best set of single-task networks
 * @param exact the optimal grouping, or null
 * @param approximation the approximation's choice with its predicted losses, or null
 */
public record CurvePoint(double budget, Double exactLoss, Double approximationLoss, Double approximationPredictedLoss,
        Double allInOneLoss, Double independentLoss, Grouping exact, Grouping approximation) {
}
