package io.mtlboard.benchmark.corruption;

/**
 * JPEG-like compression artefacts: 8×8 block DCT, quantization with the JPEG standard's tables
 * (Annex K) scaled to a quality as the IJG library does, and the inverse DCT. RGB images are
 * converted to full-range YCbCr first (luma and chroma tables, no chroma subsampling); entropy
 * coding, being lossless, is left out.
 */
final class JpegQuantization {

    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69,
                56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104,
                113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
    };
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99,
                99,
        47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
                99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99
    };

    /** COS[x][u] = c(u) · cos((2x + 1) u π / 16) / 2, the orthonormal 8-point DCT basis. */
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double cu = u == 0 ? StrictMath.sqrt(0.5) : 1.0;
                COS[x][u] = cu * StrictMath.cos((2 * x + 1) * u * StrictMath.PI / 16.0) / 2.0;
            }
        }
    }

    private JpegQuantization() {}

    static Image apply(Image img, int quality) {
        int plane = img.h * img.w;
        double[][] channels = new double[img.c][plane];
        for (int p = 0; p < plane; p++) {
            if (img.c == 3) {
                double r = 255 * img.v[p];
                double g = 255 * img.v[plane + p];
                double b = 255 * img.v[2 * plane + p];
                channels[0][p] = 0.299 * r + 0.587 * g + 0.114 * b;
                channels[1][p] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
                channels[2][p] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
            } else {
                channels[0][p] = 255 * img.v[p];
            }
        }
        for (int ch = 0; ch < img.c; ch++) {
            int[] table = scaled(ch == 0 ? LUMA : CHROMA, quality);
            for (int by = 0; by < img.h; by += 8) {
                for (int bx = 0; bx < img.w; bx += 8) {
                    block(channels[ch], img.h, img.w, by, bx, table);
                }
            }
        }
        for (int p = 0; p < plane; p++) {
            if (img.c == 3) {
                double y = channels[0][p];
                double cb = channels[1][p] - 128;
                double cr = channels[2][p] - 128;
                img.v[p] = (float) ((y + 1.402 * cr) / 255);
                img.v[plane + p] = (float) ((y - 0.344136 * cb - 0.714136 * cr) / 255);
                img.v[2 * plane + p] = (float) ((y + 1.772 * cb) / 255);
            } else {
                img.v[p] = (float) (channels[0][p] / 255);
            }
        }
        return img;
    }

    /** The IJG quality scaling of a base table, entries clamped to 1–255. */
    static int[] scaled(int[] base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] t = new int[64];
        for (int i = 0; i < 64; i++) {
            t[i] = Math.max(1, Math.min(255, (base[i] * scale + 50) / 100));
        }
        return t;
    }

    /** Quantizes one 8×8 block in place; pixels beyond the border repeat the last row or column. */
    private static void block(double[] v, int h, int w, int by, int bx, int[] table) {
        double[][] px = new double[8][8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                px[y][x] = v[Math.min(h - 1, by + y) * w + Math.min(w - 1, bx + x)] - 128;
            }
        }
        double[][] coef = new double[8][8];
        for (int u = 0; u < 8; u++) {
            for (int k = 0; k < 8; k++) {
                double acc = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        acc += COS[y][u] * COS[x][k] * px[y][x];
                    }
                }
                coef[u][k] = Math.rint(acc / table[u * 8 + k]) * table[u * 8 + k];
            }
        }
        for (int y = 0; y < 8 && by + y < h; y++) {
            for (int x = 0; x < 8 && bx + x < w; x++) {
                double acc = 0;
                for (int u = 0; u < 8; u++) {
                    for (int k = 0; k < 8; k++) {
                        acc += COS[y][u] * COS[x][k] * coef[u][k];
                    }
                }
                v[(by + y) * w + bx + x] = acc + 128;
            }
        }
    }
}
