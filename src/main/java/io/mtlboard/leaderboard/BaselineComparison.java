package io.mtlboard.leaderboard;

/**
 * Whether a row's Δm differs from its single-task baseline by more than seed noise
 * (docs/LEADERBOARD.md §3): the baseline's Δm is 0 by definition, with its own spread over seeds.
 * The rule is the one that makes two rows share a rank — the intervals Δm ± spread of the row and
 * 0 ± spread of the baseline overlap — so a row marked within noise of the baseline is not called
 * a gain or a loss anywhere on the page.
 */
final class BaselineComparison {

    static final String BETTER = "better";
    static final String WORSE = "worse";
    static final String WITHIN_NOISE = "within-noise";

    private BaselineComparison() {}

    /**
     * @param deltaM the row's mean Δm (gain sign)
     * @param spread the half-width of the row's interval (its std over seeds), or null
     * @param baselineSpread the std over seeds of the baseline's own Δm, or null
     * @return better, worse or within-noise; null when neither side has a spread
     */
    static String of(double deltaM, Double spread, Double baselineSpread) {
        if (spread == null && baselineSpread == null) {
            return null;
        }
        double noise =
                (spread == null ? 0 : spread) + (baselineSpread == null ? 0 : baselineSpread);
        if (Math.abs(deltaM) <= noise) {
            return WITHIN_NOISE;
        }
        return deltaM > 0 ? BETTER : WORSE;
    }
}
