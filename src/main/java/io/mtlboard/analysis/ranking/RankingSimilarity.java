package io.mtlboard.analysis.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Ranking similarity of METRICS.md §5 (after the "Ranking Similarity" of Mao et al., arXiv
 * 2402.03557): compares how two scorings rank the methods they share, each turned to
 * higher-is-better by its orientation, with Kendall τ-b, Spearman ρ or top-k overlap. Every
 * result carries the number of shared methods and flags fewer than five as unreliable.
 */
public final class RankingSimilarity {

    private RankingSimilarity() {}

    /** The agreement of two scorings on the methods present in both. */
    public static Agreement compare(Scoring a, Scoring b, Coefficient coefficient) {
        List<String> shared = sharedMethods(a, b);
        double[] x = new double[shared.size()];
        double[] y = new double[shared.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = a.goodness(shared.get(i));
            y[i] = b.goodness(shared.get(i));
        }
        return Agreement.of(coefficient.compute(x, y), shared.size());
    }

    /** The agreement of every ordered pair of scorings, the diagonal included. */
    public static SimilarityMatrix matrix(List<Scoring> scorings, Coefficient coefficient) {
        List<List<Agreement>> rows = new ArrayList<>();
        for (Scoring row : scorings) {
            List<Agreement> cells = new ArrayList<>();
            for (Scoring column : scorings) {
                cells.add(compare(row, column, coefficient));
            }
            rows.add(cells);
        }
        List<String> names = scorings.stream().map(Scoring::name).toList();
        return new SimilarityMatrix(coefficient.id(), coefficient.label(), names, rows);
    }

    /** Method ids present in both scorings, ascending. */
    static List<String> sharedMethods(Scoring a, Scoring b) {
        TreeSet<String> shared = new TreeSet<>(a.values().keySet());
        shared.retainAll(b.values().keySet());
        return List.copyOf(shared);
    }
}
