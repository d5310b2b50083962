package io.mtlboard.benchmark.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checksums of data files, as hex, and their verification. */
final class Sha256 {

    private Sha256() {
    }

    /** The lower-case hex SHA-256 of a file's bytes. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @throws IOException when the file is missing or its checksum differs */
    public static void verify(Path file, String expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing data file " + file.toAbsolutePath());
        }
        String actual = of(file);
        if (!actual.equals(expected)) {
            throw new IOException("checksum mismatch for " + file + ": expected " + expected + ", found " + actual);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
