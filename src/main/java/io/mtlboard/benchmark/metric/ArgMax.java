package io.mtlboard.benchmark.metric;

/** Arg-max over strided values; ties go to the lowest index, as in PyTorch's CPU {@code argmax}. */
final class ArgMax {

    private ArgMax() {}

    /** Index (0 … count−1) of the largest of {@code values[offset + k·stride]}. NaN never wins. */
    static int of(float[] values, int offset, int stride, int count) {
        int best = 0;
        float max = values[offset];
        for (int k = 1; k < count; k++) {
            float v = values[offset + k * stride];
            if (v > max || Float.isNaN(max)) {
                max = v;
                best = k;
            }
        }
        return best;
    }
}
