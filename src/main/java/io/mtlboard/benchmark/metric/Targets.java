package io.mtlboard.benchmark.metric;

/** Conversions of targets carried as floats (how datasets hand them over) to class indices. */
final class Targets {

    private Targets() {}

    /** Each value must be an integer (a class index or the ignore label). */
    static int[] classIndices(float[] target) {
        int[] labels = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            float v = target[i];
            if (v != Math.rint(v) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(
                        "label " + v + " at " + i + " is not an integer");
            }
            labels[i] = (int) v;
        }
        return labels;
    }
}
