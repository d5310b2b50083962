package io.mtlboard.benchmark.data;

/**
 * The SplitMix64 generator (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), written out here so that generated data never depends on a JDK's choice of
 * algorithm: the same seed gives the same numbers on every platform and Java version. Only
 * integer arithmetic, plus IEEE operations Java defines exactly (and {@link StrictMath}) for
 * Gaussian draws. Not thread-safe; one instance per stream.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * An independent stream for sample {@code index} of a split generated from {@code seed}, so
     * that any sample can be generated alone, in any order.
     */
    public static SplitMix64 forSample(long seed, long index) {
        return new SplitMix64(mix(mix(seed) ^ (index * 0xD1B54A32D192ED03L + GOLDEN_GAMMA)));
    }

    /** The SplitMix64 finalizer (a bijective 64-bit mix). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        while (true) {
            long bits = nextLong() >>> 33;
            long value = bits % bound;
            if (bits - value + (bound - 1) < (1L << 31)) {
                return (int) value;
            }
        }
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [lo, hi)}. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** A standard normal draw (Box–Muller with {@link StrictMath}, one draw per call). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1))
                * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }
}
