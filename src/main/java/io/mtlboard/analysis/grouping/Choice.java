package io.mtlboard.analysis.grouping;

/**
 * What one strategy of Standley et al. (ICML 2020, §5; METRICS.md §6) chooses at one budget: the
 * networks picked on the selection losses (validation, early-stopped or predicted), and the same
 * networks scored on the evaluation losses (test), which is what the paper's curves report.
 *
 * @param selected the chosen networks with the losses they were chosen on
 * @param evaluated the same networks with their evaluation losses; null when some chosen network
 *     has no evaluation loss (e.g. a predicted network that was never trained)
 */
public record Choice(Grouping selected, Grouping evaluated) {

    /** The evaluated total loss, or null when the choice was not evaluated. */
    public Double loss() {
        return evaluated == null ? null : evaluated.totalLoss();
    }

    /** The total loss the choice was made on. */
    public double selectionLoss() {
        return selected.totalLoss();
    }
}
