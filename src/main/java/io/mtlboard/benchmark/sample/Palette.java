package io.mtlboard.benchmark.sample;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The colours of the sample pictures: a fixed segmentation palette (class 0 dark grey, then the ten
 * colours of matplotlib's {@code tab10} with yellow for its grey, then hues spaced by the golden
 * angle) and a viridis-like ramp for depth (matplotlib's {@code viridis} at nine stops, linearly
 * interpolated). Fixed, so that a class keeps its colour in every picture and on the legend.
 */
final class Palette {

    private static final int[] CLASSES = {
        0x404040, 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0xbcbd22,
        0x17becf, 0xffd92f
    };

    /** viridis at 0, 1/8, …, 1. */
    private static final int[] RAMP = {
        0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xfde725
    };

    private Palette() {}

    /** The colour ({@code 0xRRGGBB}) of segmentation class {@code c ≥ 0}. */
    static int segmentation(int c) {
        if (c < CLASSES.length) {
            return CLASSES[c];
        }
        float hue = (float) ((c * 0.6180339887498949) % 1.0);
        return Color.HSBtoRGB(hue, 0.65f, 0.85f) & 0xFFFFFF;
    }

    /** The ramp's colour at {@code t} ∈ [0, 1] (clamped). */
    static int ramp(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (RAMP.length - 1);
        int i = Math.min((int) x, RAMP.length - 2);
        double f = x - i;
        int a = RAMP[i];
        int b = RAMP[i + 1];
        int r = mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f);
        int g = mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return r << 16 | g << 8 | bl;
    }

    /** The ramp's stops as CSS colours, nearest first, for a colour bar. */
    static List<String> rampStops() {
        return Arrays.stream(RAMP).mapToObj(Palette::css).toList();
    }

    /** {@code #rrggbb}. */
    static String css(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
