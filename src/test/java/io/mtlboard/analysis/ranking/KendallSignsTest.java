package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** τ-b from pairwise signs is {@link RankCorrelation#kendallTauB}'s value to the bit. */
class KendallSignsTest {

    private static final Orientation[] BOTH = Orientation.values();

    @Test
    void shouldGiveKendallTauBToTheBitWithTiesAndBothOrientations() {
        SplittableRandom random = new SplittableRandom(7);
        int compared = 0;
        int undefined = 0;
        for (int t = 0; t < 400; t++) {
            int n = 2 + random.nextInt(KendallSigns.MAX_ENTRIES - 1);
            int k = 2 + random.nextInt(4);
            double[][] means = new double[k][n];
            Orientation[] orientations = new Orientation[k];
            String[][] entries = new String[k][n];
            for (int s = 0; s < k; s++) {
                // coarse values give many ties, a constant scoring an undefined τ-b
                int levels = t % 10 == 0 && s == 0 ? 1 : 1 + random.nextInt(2 * n);
                for (int e = 0; e < n; e++) {
                    means[s][e] = random.nextInt(levels) - levels / 2.0;
                    entries[s][e] = "m" + e;
                }
                orientations[s] = BOTH[random.nextInt(2)];
            }
            KendallSigns signs = new KendallSigns(means, orientations, entries);
            signs.update();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    assertThat(signs.covers(i, j)).isTrue();
                    Double expected =
                            RankCorrelation.kendallTauB(
                                    goodness(means[i], orientations[i]),
                                    goodness(means[j], orientations[j]));
                    assertThat(signs.compare(i, j))
                            .as("try %d, pair %d %d", t, i, j)
                            .isEqualTo(expected);
                    compared++;
                    undefined += expected == null ? 1 : 0;
                }
            }
        }
        assertThat(compared).isGreaterThan(2000);
        assertThat(undefined).isPositive();
    }

    @Test
    void shouldLeaveOtherEntriesAndLargeScoringsToTheSort() {
        double[][] means = {
            new double[3], new double[3], new double[2], new double[65], new double[65]
        };
        String[][] entries = {{"a", "b", "c"}, {"a", "b", "c"}, {"a", "b"}, names(65), names(65)};
        Orientation[] o = new Orientation[5];
        java.util.Arrays.fill(o, Orientation.HIGHER_IS_BETTER);
        KendallSigns signs = new KendallSigns(means, o, entries);
        assertThat(signs.covers(0, 1)).isTrue();
        assertThat(signs.covers(0, 2)).isFalse();
        assertThat(signs.covers(3, 4)).isFalse();
        // the same keys in another order are not the same entries for a pair of positions
        KendallSigns swapped =
                new KendallSigns(
                        new double[][] {new double[2], new double[2]},
                        new Orientation[] {
                            Orientation.HIGHER_IS_BETTER, Orientation.LOWER_IS_BETTER
                        },
                        new String[][] {{"a", "b"}, {"b", "a"}});
        assertThat(swapped.covers(0, 1)).isFalse();
    }

    private static String[] names(int n) {
        String[] names = new String[n];
        for (int e = 0; e < n; e++) {
            names[e] = "m" + e;
        }
        return names;
    }

    private static double[] goodness(double[] values, Orientation o) {
        double[] g = new double[values.length];
        for (int e = 0; e < values.length; e++) {
            g[e] = o.goodness(values[e]);
        }
        return g;
    }
}
