package io.mtlboard.training.method;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CountingRandom draws what SplittableRandom of the same seed draws, and resumes after n draws. */
class CountingRandomTest {

    private static double draw(java.util.random.RandomGenerator r, int i) {
        return switch (i % 5) {
            case 0 -> r.nextInt(i % 997 + 1);
            case 1 -> r.nextDouble();
            case 2 -> r.nextInt();
            case 3 -> r.nextBoolean() ? 1 : 0;
            default -> r.nextGaussian();
        };
    }

    @Test
    void shouldDrawTheValuesOfSplittableRandomWithTheSameSeed() {
        SplittableRandom plain = new SplittableRandom(42);
        CountingRandom counting = new CountingRandom(42);
        for (int i = 0; i < 200_000; i++) {
            assertThat(draw(counting, i)).as("draw %d", i).isEqualTo(draw(plain, i));
        }
        // a bounded draw may take several values (rejection): the count is of values
        assertThat(counting.draws()).isGreaterThanOrEqualTo(200_000);
    }

    @Test
    void shouldContinueTheSameSequenceAfterRestoringTheCount() {
        CountingRandom a = new CountingRandom(7);
        for (int i = 0; i < 1_000; i++) {
            draw(a, i);
        }
        CountingRandom b = new CountingRandom(7);
        b.restore(a.draws());
        assertThat(b.draws()).isEqualTo(a.draws());
        for (int i = 1_000; i < 2_000; i++) {
            assertThat(draw(b, i)).isEqualTo(draw(a, i));
        }
    }
}
