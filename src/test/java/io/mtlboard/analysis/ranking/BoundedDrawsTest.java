package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bootstrap's draws are exactly those of {@link SplittableRandom#nextInt(int)}. */
class BoundedDrawsTest {

    // powers of two, small and large bounds, and 2^30 + 1, where half the candidates are rejected
    private static final int[] BOUNDS = {
        1,
        2,
        3,
        4,
        5,
        7,
        64,
        100,
        250,
        500,
        1000,
        2500,
        4096,
        65_537,
        1 << 30,
        (1 << 30) + 1,
        Integer.MAX_VALUE
    };

    @Test
    void shouldDrawWhatSplittableRandomDrawsForEveryBound() {
        for (int bound : BOUNDS) {
            SplittableRandom expected = new SplittableRandom(20261204L + bound);
            BoundedDraws actual = new BoundedDraws(20261204L + bound);
            BoundedDraws.Bound b = new BoundedDraws.Bound(bound);
            for (int i = 0; i < 20_000; i++) {
                assertThat(actual.next(b))
                        .as("bound %d, draw %d", bound, i)
                        .isEqualTo(expected.nextInt(bound));
            }
        }
    }

    @Test
    void shouldFillAndSumAsDrawByDrawWithBoundsChangingBetweenCalls() {
        SplittableRandom choice = new SplittableRandom(3);
        SplittableRandom expected = new SplittableRandom(99);
        BoundedDraws filled = new BoundedDraws(99);
        BoundedDraws summed = new BoundedDraws(99);
        for (int round = 0; round < 400; round++) {
            int n = round % 7 == 0 ? (1 << 30) + 1 : BOUNDS[choice.nextInt(BOUNDS.length - 4)];
            int count = Math.min(n, 3000);
            BoundedDraws.Bound b = new BoundedDraws.Bound(n);
            if (n > count) {
                // fill and sum draw as many numbers as the bound: take a short run draw by draw
                for (int i = 0; i < count; i++) {
                    int e = expected.nextInt(n);
                    assertThat(filled.next(b)).isEqualTo(e);
                    assertThat(summed.next(b)).isEqualTo(e);
                }
                continue;
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = choice.nextDouble() * 100 - 50;
            }
            int[] picks = new int[n];
            filled.fill(picks, b);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int e = expected.nextInt(n);
                assertThat(picks[i]).isEqualTo(e);
                sum += values[e];
            }
            assertThat(summed.sum(values, b)).isEqualTo(sum);
        }
    }

    @Test
    void shouldFillAndSumAsSplittableRandomWhenCandidatesAreRejected() {
        // 2^31 mod 1,099,583 = 0.05 % of 2^31: some 560 rejections per call
        int n = 1_099_583;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i % 1000) / 7.0;
        }
        SplittableRandom expected = new SplittableRandom(8);
        BoundedDraws filled = new BoundedDraws(8);
        BoundedDraws summed = new BoundedDraws(8);
        BoundedDraws.Bound b = new BoundedDraws.Bound(n);
        int[] picks = new int[n];
        for (int call = 0; call < 2; call++) {
            filled.fill(picks, b);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int e = expected.nextInt(n);
                if (picks[i] != e) {
                    assertThat(picks[i]).as("call %d, draw %d", call, i).isEqualTo(e);
                }
                sum += values[e];
            }
            assertThat(summed.sum(values, b)).isEqualTo(sum);
        }
        // all three are at the same place of the stream afterwards
        int e = expected.nextInt(n);
        assertThat(filled.next(b)).isEqualTo(e);
        assertThat(summed.next(b)).isEqualTo(e);
    }

    @Test
    void shouldComputeRemaindersExactlyForEveryThirtyOneBitNumerator() {
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < 2_000; t++) {
            int n = t < 200 ? t + 1 : 1 + random.nextInt(Integer.MAX_VALUE);
            BoundedDraws.Bound b = new BoundedDraws.Bound(n);
            if (b.powerOfTwo) {
                continue;
            }
            int[] edges = {0, 1, n - 1, n, Integer.MAX_VALUE, Integer.MAX_VALUE - 1};
            for (int u : edges) {
                if (u >= 0) {
                    assertThat(b.remainder(u)).isEqualTo(u % n);
                }
            }
            for (int i = 0; i < 500; i++) {
                int u = random.nextInt() >>> 1;
                assertThat(b.remainder(u)).as("%d %% %d", u, n).isEqualTo(u % n);
                long multiple = (long) (u / n) * n;
                for (long v : new long[] {multiple - 1, multiple, multiple + n - 1}) {
                    if (v >= 0 && v <= Integer.MAX_VALUE) {
                        assertThat(b.remainder((int) v)).isEqualTo((int) v % n);
                    }
                }
            }
        }
    }
}
