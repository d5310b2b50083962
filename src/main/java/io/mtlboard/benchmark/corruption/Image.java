package io.mtlboard.benchmark.corruption;

/** A {@code C × H × W} float image in [0, 1], worked on in place by the corruptions. */
final class Image {

    final float[] v;
    final int c;
    final int h;
    final int w;

    Image(float[] v, int c, int h, int w) {
        this.v = v;
        this.c = c;
        this.h = h;
        this.w = w;
    }

    int index(int ch, int y, int x) {
        return (ch * h + y) * w + x;
    }

    /** The value at (ch, y, x) with coordinates clamped to the border. */
    float clamped(int ch, int y, int x) {
        return v[index(ch, Math.max(0, Math.min(h - 1, y)), Math.max(0, Math.min(w - 1, x)))];
    }

    /** Spatial scale of blur widths: 1 up to 64 px, growing with larger images. */
    double scale() {
        return Math.max(1.0, Math.min(h, w) / 64.0);
    }

    /** Clipped to [0, 1] and rounded to the nearest of 256 levels. */
    float[] toBytesLevels() {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            double x = Math.max(0.0, Math.min(1.0, v[i]));
            out[i] = (float) (Math.rint(x * 255.0) / 255.0);
        }
        return out;
    }
}
