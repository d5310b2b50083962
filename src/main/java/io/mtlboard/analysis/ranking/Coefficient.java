package io.mtlboard.analysis.ranking;

/**
 * A rank-agreement coefficient of METRICS.md §5: Kendall τ-b (the default, Kendall 1945),
 * Spearman ρ with average ranks for ties, or top-k overlap {@code |top_k(A) ∩ top_k(B)| / k}.
 * Pages label which one they show with {@link #label()}.
 */
public final class Coefficient {

    private final String id;
    private final String label;
    private final Computation computation;
    private final boolean symmetric;

    @FunctionalInterface
    private interface Computation {
        Double apply(double[] a, double[] b);
    }

    private Coefficient(String id, String label, Computation computation, boolean symmetric) {
        this.id = id;
        this.label = label;
        this.computation = computation;
        this.symmetric = symmetric;
    }

    /** Kendall τ-b, in [−1, 1]; the default coefficient. */
    public static Coefficient kendallTauB() {
        // integer counts that do not depend on the order of the rankings, and one commutative
        // product
        return new Coefficient("kendall-tau-b", "Kendall τ-b", RankCorrelation::kendallTauB, true);
    }

    /** Spearman ρ on average ranks, in [−1, 1]. */
    public static Coefficient spearmanRho() {
        // Pearson's correlation of the ranks need not round alike both ways round
        return new Coefficient("spearman-rho", "Spearman ρ", RankCorrelation::spearmanRho, false);
    }

    /**
     * Share of the k best methods that both scorings agree on, in [0, 1]. Ties at the k-th place
     * are broken by ascending method id; with fewer than k shared methods k shrinks to their number.
     */
    public static Coefficient topKOverlap(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k overlap needs k >= 1, got " + k);
        }
        return new Coefficient(
                "top-" + k + "-overlap",
                "top-" + k + " overlap",
                (a, b) -> RankCorrelation.topKOverlap(a, b, k),
                true);
    }

    /** A stable identifier, e.g. {@code kendall-tau-b} or {@code top-3-overlap}. */
    public String id() {
        return id;
    }

    /** The name shown to readers, e.g. "Kendall τ-b". */
    public String label() {
        return label;
    }

    Double compute(double[] a, double[] b) {
        return computation.apply(a, b);
    }

    /** Whether {@code compute(a, b)} and {@code compute(b, a)} are the same double, to the last bit. */
    boolean symmetric() {
        return symmetric;
    }

    @Override
    public String toString() {
        return id;
    }
}
