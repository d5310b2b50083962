package io.mtlboard.analysis.grouping;

/**
 * One budget of the loss-vs-budget curves of Standley et al. (ICML 2020; METRICS.md §6). Every
 * strategy's choice is null when nothing it may use fits the budget.
 *
 * @param budget the inference budget
 * @param exact the optimal networks on the selection losses (exact branch-and-bound)
 * @param approximation the higher-order approximation's choice: selected on pair networks and
 *     predictions, evaluated on the networks actually trained on those task sets
 * @param earlyStopping the early-stopping approximation's choice (selected on the early-stopped
 *     losses), or null when the table has none
 * @param allInOne the best single network solving every task
 * @param independent the best set of single-task networks
 */
public record CurvePoint(
        double budget,
        Choice exact,
        Choice approximation,
        Choice earlyStopping,
        Choice allInOne,
        Choice independent) {

    /** The evaluated total loss of the optimal choice. */
    public Double exactLoss() {
        return exact == null ? null : exact.loss();
    }

    /** The evaluated total loss of the higher-order approximation's choice. */
    public Double approximationLoss() {
        return approximation == null ? null : approximation.loss();
    }

    /** The total loss the higher-order approximation predicted for its choice. */
    public Double approximationPredictedLoss() {
        return approximation == null ? null : approximation.selectionLoss();
    }

    /** The evaluated total loss of the early-stopping approximation's choice. */
    public Double earlyStoppingLoss() {
        return earlyStopping == null ? null : earlyStopping.loss();
    }

    /** The evaluated total loss of the best all-in-one network. */
    public Double allInOneLoss() {
        return allInOne == null ? null : allInOne.loss();
    }

    /** The evaluated total loss of the best set of single-task networks. */
    public Double independentLoss() {
        return independent == null ? null : independent.loss();
    }
}
