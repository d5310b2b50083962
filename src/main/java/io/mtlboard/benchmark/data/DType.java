package io.mtlboard.benchmark.data;

/** Element types of the arrays the IDX and NPY readers return. */
public enum DType {
    UINT8(1),
    INT8(1),
    BOOL(1),
    INT16(2),
    INT32(4),
    INT64(8),
    FLOAT32(4),
    FLOAT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
