package io.mtlboard.benchmark.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A MultiFashion split generated on the fly from Fashion-MNIST items (e.g. the 60,000-image
 * training split from the original training files): sample {@code i} composes item {@code i} with
 * its seeded partner. Targets are the left and right classes.
 */
final class MultiFashionDataset implements BenchmarkDataset {

    private final FashionMnist items;
    private final long seed;
    private final int samples;
    private final int[] columns;

    /** @param columns per task, which label it predicts: 0 = left item, 1 = right item */
    MultiFashionDataset(FashionMnist items, long seed, int samples, int[] columns) {
        if (samples > items.count()) {
            throw new IllegalArgumentException(
                    samples + " samples from only " + items.count() + " items");
        }
        this.items = items;
        this.seed = seed;
        this.samples = samples;
        this.columns = columns.clone();
    }

    @Override
    public int size() {
        return samples;
    }

    @Override
    public Sample get(int index) {
        MultiFashion.Composites c = MultiFashion.generate(items, seed, index, 1);
        float[] input = new float[FashionMnist.PIXELS];
        for (int p = 0; p < input.length; p++) {
            input[p] = c.images()[p] & 0xFF;
        }
        List<float[]> targets = new ArrayList<>(columns.length);
        for (int column : columns) {
            targets.add(new float[] {c.labels()[column]});
        }
        return new Sample(input, targets);
    }
}
