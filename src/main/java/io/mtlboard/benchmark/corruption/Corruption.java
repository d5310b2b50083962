package io.mtlboard.benchmark.corruption;

import io.mtlboard.benchmark.data.SplitMix64;

/**
 * The input corruptions of METRICS.md §7, in the style of Hendrycks & Dietterich (ICLR 2019,
 * "Benchmarking Neural Network Robustness to Common Corruptions and Perturbations"), at severities
 * 1–5. An image is {@code C × H × W} floats in {@code [0, 1]} (grey-scale or RGB); the result is
 * clipped to {@code [0, 1]} and rounded to 8-bit levels, as the original corruptions return bytes.
 * The same image, severity and seed always give the same result (own PRNG, {@link StrictMath}),
 * and a seed draws the same noise at every severity, so severities differ only in strength.
 *
 * <p>Parameters follow ImageNet-C for noise, contrast, brightness, pixelation and JPEG quality,
 * and Tiny-ImageNet-C (64 px) for the blur widths, which grow with {@code min(H, W) / 64} on
 * larger images.
 */
public enum Corruption {
    GAUSSIAN_NOISE("gaussian_noise", "Gaussian noise"),
    SHOT_NOISE("shot_noise", "shot noise"),
    GAUSSIAN_BLUR("gaussian_blur", "Gaussian blur"),
    MOTION_BLUR("motion_blur", "motion blur"),
    CONTRAST("contrast", "contrast"),
    BRIGHTNESS("brightness", "brightness"),
    PIXELATE("pixelate", "pixelation"),
    JPEG("jpeg", "JPEG compression");

    private final String id;
    private final String label;

    Corruption(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /**
     * The name used in APIs, reports and the database, e.g. {@code gaussian_noise}: the
     * {@code corruption} of a recorded measurement and of {@code GET /api/analysis/robustness}.
     */
    public String id() {
        return id;
    }

    /** The name shown to readers, e.g. "Gaussian noise". */
    public String label() {
        return label;
    }

    /** The label of the corruption named {@code id}, or {@code id} itself for an unknown one. */
    public static String labelOf(String id) {
        for (Corruption c : values()) {
            if (c.id.equals(id)) {
                return c.label;
            }
        }
        return id;
    }

    /** The corruption named {@code id}. */
    public static Corruption byId(String id) {
        for (Corruption c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + id + "'");
    }

    /**
     * Corrupts an image; the input is not modified.
     *
     * @param image {@code channels × height × width} values in {@code [0, 1]}
     * @param severity 1 (mild) to 5 (severe)
     * @param seed seeds the random draws (noise, motion direction)
     */
    public float[] apply(
            float[] image, int channels, int height, int width, int severity, long seed) {
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be 1 to 5");
        }
        if (image.length != channels * height * width || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "expected a 1- or 3-channel image of " + height + " × " + width);
        }
        Image in = new Image(image.clone(), channels, height, width);
        SplitMix64 rng = new SplitMix64(seed);
        int s = severity - 1;
        Image out =
                switch (this) {
                    case GAUSSIAN_NOISE ->
                            Noise.gaussian(in, new double[] {0.08, 0.12, 0.18, 0.26, 0.38}[s], rng);
                    case SHOT_NOISE -> Noise.shot(in, new double[] {60, 25, 12, 5, 3}[s], rng);
                    case GAUSSIAN_BLUR ->
                            Blur.gaussian(
                                    in, new double[] {0.5, 0.75, 1.0, 1.25, 1.5}[s] * in.scale());
                    case MOTION_BLUR ->
                            Blur.motion(
                                    in,
                                    new double[] {3, 4, 5, 6, 7}[s] * in.scale(),
                                    new double[] {1.0, 1.5, 2.0, 2.5, 3.0}[s] * in.scale(),
                                    rng);
                    case CONTRAST ->
                            Photometric.contrast(in, new double[] {0.4, 0.3, 0.2, 0.1, 0.05}[s]);
                    case BRIGHTNESS ->
                            Photometric.brightness(in, new double[] {0.1, 0.2, 0.3, 0.4, 0.5}[s]);
                    case PIXELATE -> Pixelate.apply(in, new double[] {0.6, 0.5, 0.4, 0.3, 0.25}[s]);
                    case JPEG -> JpegQuantization.apply(in, new int[] {25, 18, 15, 10, 7}[s]);
                };
        return out.toBytesLevels();
    }
}
