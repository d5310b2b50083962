package io.mtlboard.benchmark.corruption;

/** Contrast reduction towards the channel means and a brightness increase of the HSV value. */
final class Photometric {

    private Photometric() {}

    /** (x − mean_c) · factor + mean_c, with the mean of each channel over the image. */
    static Image contrast(Image img, double factor) {
        int plane = img.h * img.w;
        for (int ch = 0; ch < img.c; ch++) {
            double mean = 0;
            for (int p = 0; p < plane; p++) {
                mean += img.v[ch * plane + p];
            }
            mean /= plane;
            for (int p = 0; p < plane; p++) {
                int i = ch * plane + p;
                img.v[i] = (float) ((img.v[i] - mean) * factor + mean);
            }
        }
        return img;
    }

    /**
     * Adds {@code delta} to the HSV value (the largest channel) keeping hue and saturation: the RGB
     * triple is scaled by {@code v' / v}; black turns grey. A grey-scale value simply gains delta.
     */
    static Image brightness(Image img, double delta) {
        int plane = img.h * img.w;
        for (int p = 0; p < plane; p++) {
            double value = 0;
            for (int ch = 0; ch < img.c; ch++) {
                value = Math.max(value, img.v[ch * plane + p]);
            }
            double target = Math.min(1.0, value + delta);
            for (int ch = 0; ch < img.c; ch++) {
                int i = ch * plane + p;
                img.v[i] = (float) (value > 0 ? img.v[i] * (target / value) : target);
            }
        }
        return img;
    }
}
