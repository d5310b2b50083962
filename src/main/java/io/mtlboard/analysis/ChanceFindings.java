package io.mtlboard.analysis;

import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * How many findings "beyond seed noise" chance alone gives when a page tests many rows at once:
 * with m tests at 95 %, each falls outside its interval with probability 0.05 when nothing
 * differs, so the count is Binomial(m, 0.05) if the tests are independent — about 0.05 m, and at
 * most its 95th percentile in 95 % of cases. A page that reads k findings out of m says whether k
 * is more than that. (The tests of one page share rows, so they are not independent; the count is
 * a yardstick, not a test.)
 */
final class ChanceFindings {

    /** The level of every interval the pages read: 95 %. */
    static final double LEVEL = 0.95;

    private ChanceFindings() {}

    /** The count that chance alone reaches or stays below in 95 % of cases, for {@code tests} tests. */
    static int chanceBound(int tests) {
        if (tests < 1) {
            return 0;
        }
        BinomialDistribution none = new BinomialDistribution(null, tests, 1 - LEVEL);
        // the smallest x with P(X ≤ x) ≥ 0.95, with a margin for round-off at the boundary
        for (int x = 0; x < tests; x++) {
            if (none.cumulativeProbability(x) >= LEVEL - 1e-12) {
                return x;
            }
        }
        return tests;
    }

    /**
     * One sentence: what chance alone gives for {@code tests} tests, and whether the {@code
     * beyond} findings are more than that; null for fewer than two tests. {@code what} names the
     * tested things in the plural ("rows", "indicators").
     */
    static String sentence(int tests, int beyond, String what) {
        if (tests < 2) {
            return null;
        }
        int bound = chanceBound(tests);
        return String.format(
                Locale.ROOT,
                "If nothing differed, about %.1f of %d %s would still fall outside their 95 %%"
                        + " interval by chance, and at most %d in 95 %% of cases (counting the tests as"
                        + " independent): the %d found %s",
                tests * (1 - LEVEL),
                tests,
                what,
                bound,
                beyond,
                beyond > bound
                        ? "are more than chance alone would give"
                        : "are within what chance alone would give: by their count, they do not"
                                + " show that any of the "
                                + what
                                + " differs");
    }
}
