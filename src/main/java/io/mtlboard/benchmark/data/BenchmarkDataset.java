package io.mtlboard.benchmark.data;

import java.util.List;

/**
 * Random access to the samples of one split of a benchmark. Implementations are thread-safe for
 * reading; {@link #get} may throw {@link java.io.UncheckedIOException} when a file cannot be read.
 */
public interface BenchmarkDataset {

    /** Number of samples. */
    int size();

    /** Sample {@code index}, {@code 0 ≤ index < size()}. */
    Sample get(int index);

    /** A view of the first {@code n} samples (all of them when the split is smaller). */
    default BenchmarkDataset head(int n) {
        BenchmarkDataset whole = this;
        int size = Math.min(Math.max(n, 0), whole.size());
        return new BenchmarkDataset() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Sample get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException("sample " + index + " of " + size);
                }
                return whole.get(index);
            }
        };
    }

    /** Samples held in memory, in the order given. */
    static BenchmarkDataset of(List<Sample> samples) {
        List<Sample> copy = List.copyOf(samples);
        return new BenchmarkDataset() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Sample get(int index) {
                return copy.get(index);
            }
        };
    }
}
