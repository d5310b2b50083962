package io.mtlboard.analysis.ranking;

import java.util.List;

/**
 * A ranking-similarity heatmap (METRICS.md §5): the agreement of every pair of scorings, e.g.
 * indicator × indicator on one benchmark, or backbone × backbone for the Δm ranking. Symmetric
 * for every coefficient of {@link Coefficient}.
 *
 * @param coefficient the {@link Coefficient#id()} of the coefficient in the cells
 * @param label the coefficient's name for readers
 * @param scorings the scoring names, in row (and column) order
 * @param cells {@code cells.get(i).get(j)} compares scoring i with scoring j
 */
public record SimilarityMatrix(
        String coefficient, String label, List<String> scorings, List<List<Agreement>> cells) {

    public SimilarityMatrix {
        scorings = List.copyOf(scorings);
        cells = cells.stream().map(List::copyOf).toList();
    }

    /** The agreement of scoring {@code row} with scoring {@code column}. */
    public Agreement cell(int row, int column) {
        return cells.get(row).get(column);
    }
}
