package io.mtlboard.analysis.ranking;

/**
 * How well two scorings rank their shared methods alike (METRICS.md §5): one cell of a
 * ranking-similarity heatmap.
 *
 * @param value the coefficient; null when undefined (fewer than two shared methods, or a scoring
 *     that is constant over them)
 * @param n the number of methods present in both scorings
 * @param unreliable true when n is below {@link #MIN_RELIABLE_METHODS}; pages mark such cells
 */
public record Agreement(Double value, int n, boolean unreliable) {

    /** Fewer shared methods than this make a coefficient unreliable (METRICS.md §5). */
    public static final int MIN_RELIABLE_METHODS = 5;

    static Agreement of(Double value, int n) {
        return new Agreement(value, n, n < MIN_RELIABLE_METHODS);
    }
}
