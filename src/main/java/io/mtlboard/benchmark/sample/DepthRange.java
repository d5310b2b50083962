package io.mtlboard.benchmark.sample;

/**
 * The nearest and farthest valid depth of one depth map, the ends of its picture's colour ramp.
 * Valid: finite and above 0 (METRICS.md §1: depth is scored where the ground truth is above 0).
 */
record DepthRange(double near, double far) {

    static boolean valid(float d) {
        return d > 0 && Float.isFinite(d);
    }

    /** The range of {@code depth}; {@code (0, 0)} when no pixel is valid. */
    static DepthRange of(float[] depth) {
        double near = Double.POSITIVE_INFINITY;
        double far = Double.NEGATIVE_INFINITY;
        for (float d : depth) {
            if (valid(d)) {
                near = Math.min(near, d);
                far = Math.max(far, d);
            }
        }
        return near > far ? new DepthRange(0, 0) : new DepthRange(near, far);
    }
}
