package io.mtlboard.training.method;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The seeded generator of a reference run, whose state is its seed and the number of values drawn,
 * so that a checkpoint can store it and a resumed run continue the same sequence. Its values are
 * those of {@link SplittableRandom} with the same seed: every value (bounded integers, doubles,
 * Gaussians included) is derived from {@link #nextInt()} or {@link #nextLong()}, each of which
 * advances the generator once, exactly as SplittableRandom derives them.
 */
public final class CountingRandom implements RandomGenerator {

    private final long seed;
    private SplittableRandom random;
    private long draws;

    public CountingRandom(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int nextInt() {
        draws++;
        return random.nextInt();
    }

    @Override
    public long nextLong() {
        draws++;
        return random.nextLong();
    }

    /** How many values were drawn from the seed. */
    public long draws() {
        return draws;
    }

    public long seed() {
        return seed;
    }

    /** Continues after {@code n} values drawn from the seed, as if they had just been drawn. */
    public void restore(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative draw count " + n);
        }
        random = new SplittableRandom(seed);
        for (long i = 0; i < n; i++) {
            random.nextLong();
        }
        draws = n;
    }
}
