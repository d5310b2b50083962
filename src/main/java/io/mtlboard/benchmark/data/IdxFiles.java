package io.mtlboard.benchmark.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a magic number
 * {@code 0x00 0x00 type ndim}, {@code ndim} big-endian 32-bit dimensions, then the big-endian
 * elements in row-major order. Gzip-compressed files are recognised by their content, whatever
 * their name.
 */
public final class IdxFiles {

    private IdxFiles() {}

    /** Reads an IDX file, gzip-compressed or not. */
    public static NumericArray read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads several IDX files holding consecutive slices of one array (shards) and joins them along axis 0. */
    public static NumericArray readShards(List<Path> files) throws IOException {
        if (files.size() == 1) {
            return read(files.get(0));
        }
        NumericArray[] parts = new NumericArray[files.size()];
        long bytes = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = read(files.get(i));
            int[] s0 = parts[0].shape();
            int[] si = parts[i].shape();
            if (parts[i].dtype() != parts[0].dtype()
                    || !Arrays.equals(
                            Arrays.copyOfRange(si, 1, si.length),
                            Arrays.copyOfRange(s0, 1, s0.length))) {
                throw new IOException(
                        files.get(i) + ": shard does not match the first shard's type and shape");
            }
            bytes += parts[i].data().remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.BIG_ENDIAN);
        int rows = 0;
        for (NumericArray p : parts) {
            all.put(p.data());
            rows += p.shape()[0];
        }
        int[] shape = parts[0].shape();
        shape[0] = rows;
        return new NumericArray(parts[0].dtype(), shape, all.flip());
    }

    static NumericArray read(InputStream raw, String name) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        int magic = in.readInt();
        if ((magic >>> 16) != 0) {
            throw new IllegalArgumentException(
                    "not an IDX file (magic " + Integer.toHexString(magic) + ")");
        }
        DType dtype = dtype((magic >>> 8) & 0xFF);
        int[] shape = new int[magic & 0xFF];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readInt();
        }
        long bytes = NumericArray.size(shape) * dtype.bytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is too large");
        }
        byte[] data = new byte[(int) bytes];
        in.readFully(data);
        if (in.read() != -1) {
            throw new IllegalArgumentException(
                    "trailing bytes after the array of shape " + Arrays.toString(shape));
        }
        return new NumericArray(dtype, shape, ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN));
    }

    /**
     * Writes an UINT8 array as IDX, gzip-compressed when {@code gzip}. The gzip header carries no
     * timestamp, so the same array always gives the same bytes with the same zlib.
     */
    public static void write(Path file, NumericArray array, boolean gzip) throws IOException {
        if (array.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("only UINT8 arrays are written");
        }
        int[] shape = array.shape();
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * shape.length).order(ByteOrder.BIG_ENDIAN);
        header.putInt(0x0800 | shape.length);
        for (int d : shape) {
            header.putInt(d);
        }
        try (OutputStream out =
                gzip ? bestGzip(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(header.array());
            ByteBuffer data = array.data();
            byte[] chunk = new byte[1 << 16];
            while (data.hasRemaining()) {
                int n = Math.min(chunk.length, data.remaining());
                data.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }

    private static OutputStream bestGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }

    private static DType dtype(int code) {
        return switch (code) {
            case 0x08 -> DType.UINT8;
            case 0x09 -> DType.INT8;
            case 0x0B -> DType.INT16;
            case 0x0C -> DType.INT32;
            case 0x0D -> DType.FLOAT32;
            case 0x0E -> DType.FLOAT64;
            default ->
                    throw new IllegalArgumentException(
                            "unknown IDX element type 0x" + Integer.toHexString(code));
        };
    }

    /** Opens a file, decompressing it when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
