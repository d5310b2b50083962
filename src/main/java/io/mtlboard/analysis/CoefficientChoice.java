package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Coefficient;
import java.util.List;

/**
 * The rank-agreement coefficient a request asks for (METRICS.md §5): {@code kendall-tau-b}
 * (default), {@code spearman-rho} or {@code top-k-overlap} with {@code k}.
 *
 * @param id the parameter value
 * @param label the coefficient's name, e.g. "Kendall τ-b" or "top-3 overlap"
 * @param k the k of top-k overlap, null for the other coefficients
 */
public record CoefficientChoice(String id, String label, Integer k) {

    /** Parameter values of {@code coefficient}. */
    public static final List<String> IDS =
            List.of("kendall-tau-b", "spearman-rho", "top-k-overlap");

    static CoefficientChoice parse(Checks checks, String coefficient, String k) {
        String id = checks.one("coefficient", coefficient, IDS, IDS.get(0));
        int kk = checks.integer("k", k, 1, 50, 3);
        return new CoefficientChoice(
                id, coefficient(id, kk).label(), id.equals("top-k-overlap") ? kk : null);
    }

    Coefficient coefficient() {
        return coefficient(id, k == null ? 3 : k);
    }

    private static Coefficient coefficient(String id, int k) {
        return switch (id) {
            case "spearman-rho" -> Coefficient.spearmanRho();
            case "top-k-overlap" -> Coefficient.topKOverlap(k);
            default -> Coefficient.kendallTauB();
        };
    }
}
