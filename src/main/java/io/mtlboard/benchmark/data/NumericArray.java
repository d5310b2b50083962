package io.mtlboard.benchmark.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A dense n-dimensional array in row-major (C) order, as read from an IDX or NPY file: element
 * type, shape and the raw little- or big-endian bytes. Values are read as float or int, whatever
 * the stored type.
 */
public final class NumericArray {

    private final DType dtype;
    private final int[] shape;
    private final ByteBuffer data;

    /**
     * @param data exactly {@code product(shape) · dtype.bytes()} bytes; its byte order is kept
     */
    public NumericArray(DType dtype, int[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long expected = size(shape) * dtype.bytes();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " of "
                            + dtype
                            + " needs "
                            + expected
                            + " bytes, got "
                            + data.remaining());
        }
        this.data = data.slice().order(data.order());
    }

    /** An unsigned-byte array over {@code bytes} (not copied). */
    public static NumericArray ofUint8(int[] shape, byte[] bytes) {
        return new NumericArray(DType.UINT8, shape, ByteBuffer.wrap(bytes));
    }

    /** A little-endian float32 array holding {@code values}. */
    public static NumericArray ofFloat32(int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NumericArray(DType.FLOAT32, shape, b);
    }

    /** Number of elements of a shape. */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long size() {
        return size(shape);
    }

    /** The raw bytes (a read-only view in the stored byte order). */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(data.order());
    }

    /** Element {@code index} (row-major) as a float. */
    public float getFloat(long index) {
        int at = Math.toIntExact(index * dtype.bytes());
        return switch (dtype) {
            case UINT8, BOOL -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case INT16 -> data.getShort(at);
            case INT32 -> data.getInt(at);
            case INT64 -> data.getLong(at);
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> (float) data.getDouble(at);
        };
    }

    /** Element {@code index} (row-major) as an int; floats must hold integers. */
    public int getInt(long index) {
        int at = Math.toIntExact(index * dtype.bytes());
        return switch (dtype) {
            case UINT8, BOOL -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case INT16 -> data.getShort(at);
            case INT32 -> data.getInt(at);
            case INT64 -> Math.toIntExact(data.getLong(at));
            case FLOAT32, FLOAT64 -> {
                double v = dtype == DType.FLOAT32 ? data.getFloat(at) : data.getDouble(at);
                if (v != Math.rint(v)) {
                    throw new IllegalStateException(
                            "element " + index + " is not an integer: " + v);
                }
                yield (int) v;
            }
        };
    }

    /** {@code count} elements from {@code offset} as floats. */
    public float[] toFloats(long offset, int count) {
        float[] out = new float[count];
        if (dtype == DType.UINT8) {
            // images: the common case, read without the per-element type switch
            int at = Math.toIntExact(offset);
            for (int i = 0; i < count; i++) {
                out[i] = data.get(at + i) & 0xFF;
            }
            return out;
        }
        for (int i = 0; i < count; i++) {
            out[i] = getFloat(offset + i);
        }
        return out;
    }

    /** All elements as floats. */
    public float[] toFloats() {
        return toFloats(0, Math.toIntExact(size()));
    }

    /** The bytes of a UINT8 array from {@code offset}. */
    public byte[] toBytes(long offset, int count) {
        if (dtype != DType.UINT8) {
            throw new IllegalStateException("not an unsigned-byte array: " + dtype);
        }
        byte[] out = new byte[count];
        data.get(Math.toIntExact(offset), out);
        return out;
    }
}
