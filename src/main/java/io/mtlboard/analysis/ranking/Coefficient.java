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

    /** The k of top-k overlap; 0 for the rank correlations. */
    private final int k;

    private Coefficient(String id, String label, Computation computation, boolean symmetric) {
        this(id, label, computation, symmetric, 0);
    }

    private Coefficient(
            String id, String label, Computation computation, boolean symmetric, int k) {
        this.id = id;
        this.label = label;
        this.computation = computation;
        this.symmetric = symmetric;
        this.k = k;
    }

    /** Kendall τ-b, in [−1, 1]; the default coefficient. */
    public static Coefficient kendallTauB() {
        // integer counts that do not depend on the order of the rankings, and one commutative
        // product
        return new Coefficient("kendall-tau-b", "Kendall τ-b", RankCorrelation::kendallTauB, true);
    }

    /** Spearman ρ on average ranks, in [−1, 1]. */
    public static Coefficient spearmanRho() {
        // integer sums over the ranks and one commutative product
        // (RankCorrelation.spearmanRhoOfRanks)
        return new Coefficient("spearman-rho", "Spearman ρ", RankCorrelation::spearmanRho, true);
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
                true,
                k);
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

    /**
     * The agreement expected between the noise-free ranking and a ranking from twice the seeds, for
     * a split-half agreement {@code half} (two rankings from disjoint halves of the seeds): the
     * coefficient is mapped to Pearson's r under a bivariate normal model (Greiner's relation
     * r = sin(πτ/2) for Kendall τ, r = 2 sin(πρ/6) for Spearman ρ), stepped up to the full seed
     * count by the Spearman–Brown formula R = 2r / (1 + r), and the correlation with the noise-free
     * values √R mapped back. 0 when {@code half} ≤ 0 (no reproducible ranking); null for top-k
     * overlap, which has no such relation. METRICS.md §5.
     */
    public Double stepUpFromHalves(double half) {
        boolean tau = id.equals("kendall-tau-b");
        if (!tau && !id.equals("spearman-rho")) {
            return null;
        }
        double r = tau ? Math.sin(Math.PI * half / 2) : 2 * Math.sin(Math.PI * half / 6);
        if (!(r > 0)) {
            return 0.0;
        }
        double truth = Math.sqrt(2 * r / (1 + r));
        return tau ? 2 / Math.PI * Math.asin(truth) : 6 / Math.PI * Math.asin(truth / 2);
    }

    /** Whether {@code compute(a, b)} and {@code compute(b, a)} are the same double, to the last bit. */
    boolean symmetric() {
        return symmetric;
    }

    /** Whether this is Spearman ρ. */
    boolean isSpearmanRho() {
        return id.equals("spearman-rho");
    }

    /** The k of top-k overlap, 0 for the rank correlations. */
    int topK() {
        return k;
    }

    /** Whether this is Kendall τ-b, which the seed bootstrap may count from pairwise signs. */
    boolean isKendallTauB() {
        return id.equals("kendall-tau-b");
    }

    @Override
    public String toString() {
        return id;
    }
}
