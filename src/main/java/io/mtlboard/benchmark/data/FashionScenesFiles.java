package io.mtlboard.benchmark.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a FashionScenes split as four NumPy arrays: {@code images.npy} ({@code N × 3 × 64 × 64}
 * uint8), {@code segmentation.npy} ({@code N × 64 × 64} uint8), {@code depth.npy}
 * ({@code N × 1 × 64 × 64} float32) and {@code normals.npy} ({@code N × 3 × 64 × 64} float32).
 * Uncompressed, so that their SHA-256 does not depend on a zlib version.
 */
final class FashionScenesFiles {

    public static final String IMAGES = "images.npy";
    public static final String SEGMENTATION = "segmentation.npy";
    public static final String DEPTH = "depth.npy";
    public static final String NORMALS = "normals.npy";

    private FashionScenesFiles() {}

    /** Renders samples {@code 0 … count−1} of the split of {@code items} with {@code seed} into {@code dir}. */
    public static void write(FashionMnist items, long seed, int count, Path dir)
            throws IOException {
        int s = FashionScenes.SIZE;
        int px = s * s;
        byte[] images = new byte[count * 3 * px];
        byte[] labels = new byte[count * px];
        float[] depth = new float[count * px];
        float[] normals = new float[count * 3 * px];
        for (int i = 0; i < count; i++) {
            FashionScenes.Scene scene = FashionScenes.render(items, seed, i);
            System.arraycopy(scene.image(), 0, images, i * 3 * px, 3 * px);
            System.arraycopy(scene.labels(), 0, labels, i * px, px);
            System.arraycopy(scene.depth(), 0, depth, i * px, px);
            System.arraycopy(scene.normals(), 0, normals, i * 3 * px, 3 * px);
        }
        Files.createDirectories(dir);
        NpyFiles.write(
                dir.resolve(IMAGES), NumericArray.ofUint8(new int[] {count, 3, s, s}, images));
        NpyFiles.write(
                dir.resolve(SEGMENTATION), NumericArray.ofUint8(new int[] {count, s, s}, labels));
        NpyFiles.write(
                dir.resolve(DEPTH), NumericArray.ofFloat32(new int[] {count, 1, s, s}, depth));
        NpyFiles.write(
                dir.resolve(NORMALS), NumericArray.ofFloat32(new int[] {count, 3, s, s}, normals));
    }
}
