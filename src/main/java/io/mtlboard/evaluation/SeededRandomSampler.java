package io.mtlboard.evaluation;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import io.mtlboard.benchmark.data.SplitMix64;
import java.util.Iterator;
import java.util.stream.LongStream;

/**
 * Shuffles a dataset's indices with a seeded Fisher–Yates shuffle: a new order each epoch (each
 * call to {@link #sample}), the same sequence of orders for the same seed. DJL's own
 * {@code RandomSampler} takes no seed.
 */
public final class SeededRandomSampler implements Sampler.SubSampler {

    private final long seed;
    private long epoch;

    public SeededRandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public synchronized Iterator<Long> sample(RandomAccessDataset dataset) {
        long[] order = LongStream.range(0, dataset.size()).toArray();
        SplitMix64 rng = SplitMix64.forSample(seed, epoch++);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return LongStream.of(order).iterator();
    }
}
