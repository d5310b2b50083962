package io.mtlboard.benchmark.corruption;

import io.mtlboard.benchmark.data.SplitMix64;

/** Gaussian blur (separable, radius 3σ) and one-sided motion blur along a random direction. */
final class Blur {

    private Blur() {}

    static Image gaussian(Image img, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = StrictMath.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        Image tmp = new Image(new float[img.v.length], img.c, img.h, img.w);
        for (int ch = 0; ch < img.c; ch++) {
            for (int y = 0; y < img.h; y++) {
                for (int x = 0; x < img.w; x++) {
                    double acc = 0;
                    for (int i = -radius; i <= radius; i++) {
                        acc += k[i + radius] * img.clamped(ch, y, x + i);
                    }
                    tmp.v[tmp.index(ch, y, x)] = (float) acc;
                }
            }
        }
        for (int ch = 0; ch < img.c; ch++) {
            for (int y = 0; y < img.h; y++) {
                for (int x = 0; x < img.w; x++) {
                    double acc = 0;
                    for (int i = -radius; i <= radius; i++) {
                        acc += k[i + radius] * tmp.clamped(ch, y + i, x);
                    }
                    img.v[img.index(ch, y, x)] = (float) acc;
                }
            }
        }
        return img;
    }

    /**
     * Averages samples taken behind each pixel along a direction drawn uniformly in ±45° (as
     * ImageNet-C does), {@code 0 … radius} pixels away, weighted by a Gaussian of the distance.
     */
    static Image motion(Image img, double radius, double sigma, SplitMix64 rng) {
        double angle = StrictMath.toRadians(rng.uniform(-45.0, 45.0));
        double dx = StrictMath.cos(angle);
        double dy = StrictMath.sin(angle);
        int taps = (int) Math.floor(radius) + 1;
        double[] weight = new double[taps];
        double sum = 0;
        for (int t = 0; t < taps; t++) {
            weight[t] = StrictMath.exp(-(t * t) / (2 * sigma * sigma));
            sum += weight[t];
        }
        float[] out = new float[img.v.length];
        for (int ch = 0; ch < img.c; ch++) {
            for (int y = 0; y < img.h; y++) {
                for (int x = 0; x < img.w; x++) {
                    double acc = 0;
                    for (int t = 0; t < taps; t++) {
                        acc += weight[t] * bilinear(img, ch, y - t * dy, x - t * dx);
                    }
                    out[img.index(ch, y, x)] = (float) (acc / sum);
                }
            }
        }
        System.arraycopy(out, 0, img.v, 0, out.length);
        return img;
    }

    private static double bilinear(Image img, int ch, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * img.clamped(ch, y0, x0) + fx * img.clamped(ch, y0, x0 + 1))
                + fy
                        * ((1 - fx) * img.clamped(ch, y0 + 1, x0)
                                + fx * img.clamped(ch, y0 + 1, x0 + 1));
    }
}
