package io.mtlboard.benchmark.data;

/**
 * The MultiFashion construction of Sener & Koltun ("Multi-Task Learning as Multi-Objective
 * Optimization", NeurIPS 2018, MultiMNIST applied to Fashion-MNIST): on a 36×36 canvas the first
 * item is placed at the top-left, the second 6 px further right and down, overlapping pixels take
 * the maximum, and the canvas is resized to 28×28 by nearest-neighbour sampling (source pixel
 * {@code ⌊(i + 0.5) · 36/28⌋}, PIL's rule). Labels are the classes of the two items.
 *
 * <p>Sample {@code i} of a split puts item {@code i} at the top-left and a partner drawn uniformly
 * among the other items at the bottom-right, from a SplitMix64 stream of (seed, i): any sample can
 * be generated alone, and a split is reproducible bit for bit. Unlike the original code (SciPy's
 * {@code imresize}), intensities are not rescaled to the canvas's own range.
 */
final class MultiFashion {

    public static final int CANVAS = 36;
    public static final int OFFSET = 6;
    public static final int SIDE = FashionMnist.SIDE;

    private MultiFashion() {}

    /** The partner (bottom-right item) of sample {@code index} among {@code n} items; never the sample itself. */
    public static int partner(long seed, int index, int n) {
        int j = SplitMix64.forSample(seed, index).nextInt(n - 1);
        return j >= index ? j + 1 : j;
    }

    /** Composes items {@code left} and {@code right} into {@code out[offset … offset + 783]}. */
    public static void compose(FashionMnist items, int left, int right, byte[] out, int offset) {
        for (int r = 0; r < SIDE; r++) {
            int cr = source(r);
            for (int c = 0; c < SIDE; c++) {
                int cc = source(c);
                out[offset + r * SIDE + c] =
                        (byte)
                                Math.max(
                                        canvas(items, left, cr, cc),
                                        canvas(items, right, cr - OFFSET, cc - OFFSET));
            }
        }
    }

    /** Canvas coordinate sampled for output coordinate {@code i}: ⌊(i + ½) · 36 / 28⌋, in integers. */
    static int source(int i) {
        return ((2 * i + 1) * CANVAS) / (2 * SIDE);
    }

    private static int canvas(FashionMnist items, int item, int row, int col) {
        return (row < 0 || col < 0 || row >= SIDE || col >= SIDE) ? 0 : items.pixel(item, row, col);
    }

    /**
     * Generates samples {@code [from, from + count)} of the split of {@code items} with {@code seed}.
     *
     * @return images ({@code count × 28 × 28}) and labels ({@code count × 2}: left class, right class)
     */
    public static Composites generate(FashionMnist items, long seed, int from, int count) {
        byte[] images = new byte[count * FashionMnist.PIXELS];
        byte[] labels = new byte[count * 2];
        for (int k = 0; k < count; k++) {
            int i = from + k;
            int j = partner(seed, i, items.count());
            compose(items, i, j, images, k * FashionMnist.PIXELS);
            labels[2 * k] = (byte) items.label(i);
            labels[2 * k + 1] = (byte) items.label(j);
        }
        return new Composites(images, labels);
    }

    /** Composed images and their two labels per sample. */
    public record Composites(byte[] images, byte[] labels) {}
}
