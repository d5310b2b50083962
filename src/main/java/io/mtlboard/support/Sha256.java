package io.mtlboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests as lower-case hex: of bytes, of text (UTF-8), of a file or stream read in
 * blocks, and the verification of a data file against its manifest's checksum. The one place
 * MTLBoard computes them (artifacts, tokens, import ledgers, registries, protocols, assets).
 */
public final class Sha256 {

    private Sha256() {}

    /** The digest of some bytes. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The digest of a text's UTF-8 bytes. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a file's bytes, read in blocks. */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The digest of the rest of a stream, read in blocks; the stream stays open. */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of a file's bytes; an unreadable file is an {@link UncheckedIOException}. */
    public static String ofFile(Path file) {
        try {
            return of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IOException when the file is missing or its checksum differs */
    public static void verify(Path file, String expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing data file " + file.toAbsolutePath());
        }
        String actual = of(file);
        if (!actual.equals(expected)) {
            throw new IOException(
                    "checksum mismatch for "
                            + file
                            + ": expected "
                            + expected
                            + ", found "
                            + actual);
        }
    }

    /** A fresh SHA-256 digest, for callers that feed it as they go (a copy, several parts). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A finished digest as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
