package io.mtlboard.benchmark.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fashion-MNIST items (Xiao, Rasul, Vollgraf 2017; MIT licence, Zalando SE): 28×28 grey-scale
 * images of ten clothing classes. Loads the IDX files of the original distribution, as Debian's
 * {@code dataset-fashion-mnist} installs them in {@value #DEBIAN_DIR}, or the small item banks
 * shipped in {@code benchmarks-data/fashion-mnist/}.
 *
 * @param pixels {@code count × 28 × 28} unsigned bytes
 * @param labels one class (0–9) per item
 */
public record FashionMnist(byte[] pixels, byte[] labels) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    public static final int CLASSES = 10;

    public FashionMnist {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels must hold 28 × 28 bytes per label");
        }
    }

    /** Which part of the original distribution. */
    public enum Part {
        TRAIN("train"),
        TEST("t10k");

        private final String prefix;

        Part(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Loads a part of the original distribution from {@code dir} (files gzip-compressed or not). */
    public static FashionMnist load(Path dir, Part part) throws IOException {
        return load(
                find(dir, part.prefix + "-images-idx3-ubyte"),
                find(dir, part.prefix + "-labels-idx1-ubyte"));
    }

    /** Loads items from an image IDX file ({@code n × 28 × 28}) and a label IDX file ({@code n}). */
    public static FashionMnist load(Path images, Path labels) throws IOException {
        NumericArray img = IdxFiles.read(images);
        NumericArray lab = IdxFiles.read(labels);
        if (img.dtype() != DType.UINT8
                || !Arrays.equals(Arrays.copyOfRange(img.shape(), 1, 3), new int[] {SIDE, SIDE})
                || lab.shape().length != 1
                || lab.shape()[0] != img.shape()[0]) {
            throw new IOException(
                    images + ", " + labels + ": expected n × 28 × 28 unsigned bytes and n labels");
        }
        int n = img.shape()[0];
        return new FashionMnist(img.toBytes(0, n * PIXELS), lab.toBytes(0, n));
    }

    /** True when {@code dir} holds both parts of the original distribution. */
    public static boolean present(Path dir) {
        for (Part p : Part.values()) {
            for (String kind : new String[] {"-images-idx3-ubyte", "-labels-idx1-ubyte"}) {
                Path f = dir.resolve(p.prefix + kind);
                if (!Files.isRegularFile(f) && !Files.isRegularFile(Path.of(f + ".gz"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Path find(Path dir, String name) throws IOException {
        for (Path candidate : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException(
                "Fashion-MNIST file "
                        + name
                        + "(.gz) not found in "
                        + dir.toAbsolutePath()
                        + "; install Debian's dataset-fashion-mnist or set mtlboard.datasets.fashion-mnist-dir");
    }

    public int count() {
        return labels.length;
    }

    public int label(int item) {
        return labels[item];
    }

    /** The unsigned pixel {@code (row, col)} of an item, 0–255. */
    public int pixel(int item, int row, int col) {
        return pixels[item * PIXELS + row * SIDE + col] & 0xFF;
    }

    /** The first {@code perClass} items of each class, in file order (a class-balanced bank). */
    public FashionMnist firstPerClass(int perClass) {
        int[] taken = new int[CLASSES];
        byte[] outPixels = new byte[perClass * CLASSES * PIXELS];
        byte[] outLabels = new byte[perClass * CLASSES];
        int n = 0;
        for (int i = 0; i < count() && n < outLabels.length; i++) {
            int c = label(i);
            if (taken[c] < perClass) {
                taken[c]++;
                System.arraycopy(pixels, i * PIXELS, outPixels, n * PIXELS, PIXELS);
                outLabels[n++] = (byte) c;
            }
        }
        if (n < outLabels.length) {
            throw new IllegalArgumentException("fewer than " + perClass + " items in some class");
        }
        return new FashionMnist(outPixels, outLabels);
    }
}
