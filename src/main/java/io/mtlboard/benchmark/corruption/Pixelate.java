package io.mtlboard.benchmark.corruption;

/** Down-sampling by area averaging to a fraction of the size, then nearest-neighbour up-sampling. */
final class Pixelate {

    private Pixelate() {}

    static Image apply(Image img, double fraction) {
        int sh = Math.max(1, (int) Math.round(img.h * fraction));
        int sw = Math.max(1, (int) Math.round(img.w * fraction));
        double[] small = new double[img.c * sh * sw];
        double ry = (double) img.h / sh;
        double rx = (double) img.w / sw;
        for (int ch = 0; ch < img.c; ch++) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    small[(ch * sh + y) * sw + x] =
                            area(img, ch, y * ry, (y + 1) * ry, x * rx, (x + 1) * rx);
                }
            }
        }
        for (int ch = 0; ch < img.c; ch++) {
            for (int y = 0; y < img.h; y++) {
                int sy = Math.min(sh - 1, (int) ((y + 0.5) / ry));
                for (int x = 0; x < img.w; x++) {
                    int sx = Math.min(sw - 1, (int) ((x + 0.5) / rx));
                    img.v[img.index(ch, y, x)] = (float) small[(ch * sh + sy) * sw + sx];
                }
            }
        }
        return img;
    }

    /** Mean of the image over the rectangle [y0, y1) × [x0, x1), pixels weighted by their overlap. */
    private static double area(Image img, int ch, double y0, double y1, double x0, double x1) {
        double sum = 0;
        double total = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += wy * wx * img.v[img.index(ch, y, x)];
                total += wy * wx;
            }
        }
        return sum / total;
    }
}
