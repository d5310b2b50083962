package io.mtlboard.benchmark.data;

/**
 * Random access to the samples of one split of a benchmark. Implementations are thread-safe for
 * reading; {@link #get} may throw {@link java.io.UncheckedIOException} when a file cannot be read.
 */
public interface BenchmarkDataset {

    /** Number of samples. */
    int size();

    /** Sample {@code index}, {@code 0 ≤ index < size()}. */
    Sample get(int index);
}
