package io.mtlboard.benchmark.sample;

import io.mtlboard.benchmark.BenchmarkManifest.InputSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Pictures of one sample's input and dense ground truths, nearest-neighbour upscaled by a whole
 * factor so that the shorter side reaches {@value #MIN_SIDE} px (28-px items become visible, large
 * inputs keep their size). Inputs are shown as stored ({@code raw · scale} in [0, 1], the manifest's
 * mean and std left out); segmentation in the {@link Palette}; depth on the {@link Palette#ramp}
 * from the nearest to the farthest valid pixel of the picture; normals as {@code RGB = (n + 1) / 2}.
 * Invalid ground truth (depth 0, normal (0, 0, 0), a label outside the classes) is black, as the
 * metrics skip it (METRICS.md §1).
 */
final class SamplePictures {

    /** The shorter side a picture is upscaled to reach, at least. */
    static final int MIN_SIDE = 112;

    private static final int BLACK = 0x000000;

    private SamplePictures() {}

    /** The whole upscaling factor for an {@code h × w} picture. */
    static int scale(int h, int w) {
        return Math.max(1, (MIN_SIDE + Math.min(h, w) - 1) / Math.min(h, w));
    }

    /** The input, grey for one channel and RGB for three. */
    static BufferedImage input(float[] input, InputSpec spec) {
        int c = spec.channels();
        int h = spec.height();
        int w = spec.width();
        double scale = spec.normalization().scale();
        int px = h * w;
        int[] rgb = new int[px];
        for (int p = 0; p < px; p++) {
            int r = byteOf(input[p] * scale);
            int g = c >= 3 ? byteOf(input[px + p] * scale) : r;
            int b = c >= 3 ? byteOf(input[2 * px + p] * scale) : r;
            rgb[p] = r << 16 | g << 8 | b;
        }
        return upscaled(rgb, h, w);
    }

    /** A label map in the palette; labels outside {@code [0, classes)} are black. */
    static BufferedImage segmentation(float[] labels, int h, int w, int classes) {
        int[] rgb = new int[h * w];
        for (int p = 0; p < rgb.length; p++) {
            int c = (int) labels[p];
            rgb[p] = c >= 0 && c < classes && c == labels[p] ? Palette.segmentation(c) : BLACK;
        }
        return upscaled(rgb, h, w);
    }

    /** A depth map on the ramp from {@code range.near()} to {@code range.far()}; 0 is black. */
    static BufferedImage depth(float[] depth, int h, int w, DepthRange range) {
        int[] rgb = new int[h * w];
        double span = range.far() - range.near();
        for (int p = 0; p < rgb.length; p++) {
            float d = depth[p];
            rgb[p] =
                    DepthRange.valid(d)
                            ? Palette.ramp(span > 0 ? (d - range.near()) / span : 0.5)
                            : BLACK;
        }
        return upscaled(rgb, h, w);
    }

    /** Normals {@code 3 × h × w} as {@code (n + 1) / 2}; a zero (or non-finite) normal is black. */
    static BufferedImage normals(float[] normals, int h, int w) {
        int px = h * w;
        int[] rgb = new int[px];
        for (int p = 0; p < px; p++) {
            float x = normals[p];
            float y = normals[px + p];
            float z = normals[2 * px + p];
            double norm = Math.sqrt(x * x + y * y + z * z);
            rgb[p] =
                    norm > 0 && Double.isFinite(norm)
                            ? byteOf((x / norm + 1) / 2) << 16
                                    | byteOf((y / norm + 1) / 2) << 8
                                    | byteOf((z / norm + 1) / 2)
                            : BLACK;
        }
        return upscaled(rgb, h, w);
    }

    /** The picture as PNG bytes. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A value in [0, 1] as a byte 0–255, clamped; NaN is 0. */
    static int byteOf(double v) {
        return v > 0 ? (int) Math.round(Math.min(v, 1.0) * 255) : 0;
    }

    private static BufferedImage upscaled(int[] rgb, int h, int w) {
        int k = scale(h, w);
        BufferedImage image = new BufferedImage(w * k, h * k, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w * k];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(row, x * k, (x + 1) * k, rgb[y * w + x]);
            }
            for (int dy = 0; dy < k; dy++) {
                image.setRGB(0, y * k + dy, w * k, 1, row, 0, w * k);
            }
        }
        return image;
    }
}
