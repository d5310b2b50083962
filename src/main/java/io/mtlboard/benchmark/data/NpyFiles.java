package io.mtlboard.benchmark.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, a version, a header length and a Python-literal header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} followed by the raw data.
 * Reads booleans, signed and unsigned bytes, 16/32/64-bit integers and 32/64-bit floats of either
 * byte order in C order; Fortran-order arrays are refused with a clear message.
 */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFiles() {}

    /** Reads a {@code .npy} file. */
    public static NumericArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static NumericArray read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        byte[] magic = new byte[6];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not an NPY file");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        long headerLength =
                switch (major) {
                    case 1 -> Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                    case 2, 3 -> Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
                    default ->
                            throw new IllegalArgumentException("unsupported NPY version " + major);
                };
        if (headerLength > 1 << 20) {
            throw new IllegalArgumentException("NPY header of " + headerLength + " bytes");
        }
        byte[] header = new byte[(int) headerLength];
        in.readFully(header);
        String text =
                new String(
                        header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher fortran = FORTRAN.matcher(text);
        if (fortran.find() && fortran.group(1).equals("True")) {
            throw new IllegalArgumentException(
                    "Fortran-order arrays are not supported; save with C order");
        }
        Matcher descr = DESCR.matcher(text);
        Matcher shapeText = SHAPE.matcher(text);
        if (!descr.find() || !shapeText.find()) {
            throw new IllegalArgumentException(
                    "NPY header without descr or shape: " + text.strip());
        }
        DType dtype = dtype(descr.group(2), Integer.parseInt(descr.group(3)));
        ByteOrder order =
                descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] shape =
                Arrays.stream(shapeText.group(1).split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt)
                        .toArray();
        long bytes = NumericArray.size(shape) * dtype.bytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is too large");
        }
        byte[] data = new byte[(int) bytes];
        in.readFully(data);
        return new NumericArray(dtype, shape, ByteBuffer.wrap(data).order(order));
    }

    /** Writes an array as a version 1.0 {@code .npy} file (little-endian data, header padded to 64 bytes). */
    public static void write(Path file, NumericArray array) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, array);
        }
    }

    static void write(OutputStream out, NumericArray array) throws IOException {
        int[] shape = array.shape();
        String dims =
                shape.length == 1
                        ? shape[0] + ","
                        : String.join(
                                ", ",
                                Arrays.stream(shape)
                                        .mapToObj(Integer::toString)
                                        .toArray(String[]::new));
        StringBuilder header =
                new StringBuilder(
                        "{'descr': '"
                                + descr(array.dtype())
                                + "', 'fortran_order': False, 'shape': ("
                                + dims
                                + "), }");
        while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >>> 8)});
        out.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = array.data();
        if (data.order() != ByteOrder.LITTLE_ENDIAN && array.dtype().bytes() > 1) {
            throw new IllegalArgumentException("write little-endian arrays only");
        }
        byte[] chunk = new byte[1 << 16];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    private static DType dtype(String kind, int size) {
        String key = kind + size;
        return switch (key) {
            case "b1" -> DType.BOOL;
            case "u1" -> DType.UINT8;
            case "i1" -> DType.INT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unsupported NPY element type " + key);
        };
    }

    private static String descr(DType dtype) {
        return switch (dtype) {
            case BOOL -> "|b1";
            case UINT8 -> "|u1";
            case INT8 -> "|i1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
        };
    }
}
