package io.mtlboard.analysis.ranking;

/**
 * The numbers {@code new SplittableRandom(seed).nextInt(bound)} gives, call after call, drawn
 * without the generator's integer division: SplitMix64 (Steele, Lea and Flood 2014) as
 * {@link java.util.SplittableRandom} implements it, with the bounded draw of
 * {@code RandomSupport.boundedNextInt} (a power-of-two bound masks the low bits, any other bound
 * takes the remainder of the upper 31 bits and rejects the over-represented top candidates). The
 * remainder uses a multiply by a precomputed reciprocal (Granlund and Montgomery 1994), exact for
 * every 31-bit numerator, so the draws are the same numbers; {@code BoundedDrawsTest} checks them
 * against {@code SplittableRandom}. The seed bootstrap draws about 10⁸ of them per analysis.
 */
final class BoundedDraws {

    /** SplittableRandom's default gamma, {@code 0x9e3779b97f4a7c15}. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;

    BoundedDraws(long seed) {
        this.seed = seed;
    }

    /** A bound with its reciprocal, computed once for the many draws below it. */
    static final class Bound {

        final int n;
        final boolean powerOfTwo;
        final long multiplier;
        final int shift;

        /**
         * The first rejected candidate, {@code floor(2^31 / n) · n}: boundedNextInt rejects u when
         * {@code u + (n − 1) − u % n} overflows, i.e. when {@code u >= limit}.
         */
        final int limit;

        Bound(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("bound must be positive, got " + n);
            }
            this.n = n;
            this.powerOfTwo = (n & (n - 1)) == 0;
            // q = floor(u · m / 2^(31+l)) with l = ceil(log2 n), m = floor(2^(31+l) / n) + 1 equals
            // floor(u / n) for every u < 2^31; u · m < 2^63
            int l = 32 - Integer.numberOfLeadingZeros(n - 1);
            this.shift = 31 + l;
            this.multiplier = n == 1 ? 0 : (1L << shift) / n + 1;
            this.limit = powerOfTwo ? Integer.MAX_VALUE : (int) ((1L << 31) / n * n);
        }

        /** {@code u % n} for {@code 0 <= u < 2^31}. */
        int remainder(int u) {
            int q = (int) ((u * multiplier) >>> shift);
            return u - q * n;
        }
    }

    /** The next {@code nextInt(bound.n)}. */
    int next(Bound bound) {
        int r = mix32(seed += GOLDEN_GAMMA);
        int m = bound.n - 1;
        if (bound.powerOfTwo) {
            return r & m;
        }
        int u = r >>> 1;
        r = bound.remainder(u);
        while (u + m - r < 0) {
            u = mix32(seed += GOLDEN_GAMMA) >>> 1;
            r = bound.remainder(u);
        }
        return r;
    }

    /** Fills {@code picks[0, bound.n)} with the next {@code bound.n} draws below {@code bound.n}. */
    void fill(int[] picks, Bound bound) {
        int n = bound.n;
        if (bound.powerOfTwo) {
            int m = n - 1;
            for (int i = 0; i < n; i++) {
                picks[i] = mix32(seed += GOLDEN_GAMMA) & m;
            }
            return;
        }
        long multiplier = bound.multiplier;
        int shift = bound.shift;
        int limit = bound.limit;
        long s = seed;
        for (int i = 0; i < n; i++) {
            int u = mix32(s += GOLDEN_GAMMA) >>> 1;
            while (u >= limit) {
                u = mix32(s += GOLDEN_GAMMA) >>> 1;
            }
            picks[i] = u - (int) ((u * multiplier) >>> shift) * n;
        }
        seed = s;
    }

    /**
     * The sum of {@code values[p]} over the next {@code values.length} draws {@code p} below
     * {@code values.length}, added in the order drawn.
     */
    double sum(double[] values, Bound bound) {
        int n = bound.n;
        double sum = 0;
        if (bound.powerOfTwo) {
            int m = n - 1;
            for (int i = 0; i < n; i++) {
                sum += values[mix32(seed += GOLDEN_GAMMA) & m];
            }
            return sum;
        }
        long multiplier = bound.multiplier;
        int shift = bound.shift;
        int limit = bound.limit;
        long s = seed;
        int i = 0;
        // a rejection is rare (probability below n / 2^31 per draw): the first loop is
        // straight-line code, the second takes over after one
        for (; i < n; i++) {
            int u = mix32(s += GOLDEN_GAMMA) >>> 1;
            if (u >= limit) {
                s -= GOLDEN_GAMMA;
                break;
            }
            sum += values[u - (int) ((u * multiplier) >>> shift) * n];
        }
        for (; i < n; i++) {
            int u = mix32(s += GOLDEN_GAMMA) >>> 1;
            while (u >= limit) {
                u = mix32(s += GOLDEN_GAMMA) >>> 1;
            }
            sum += values[u - (int) ((u * multiplier) >>> shift) * n];
        }
        seed = s;
        return sum;
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
