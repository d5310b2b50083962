package io.mtlboard.submission;

import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Content-addressed artifact files under {@code <data-dir>/artifacts/ab/cd/<sha256>}: identical
 * uploads are stored once; a file is written to a temporary name, flushed to disk and moved into
 * place atomically, so an accepted artifact is never half-written or lost.
 */
@ApplicationScoped
public class ArtifactStore {

    private final Path root;

    public ArtifactStore(MtlboardConfig config) {
        this.root = Path.of(config.dataDir(), "artifacts");
    }

    /** A stored artifact. */
    public record StoredArtifact(String sha256, long bytes, Path path) {}

    /** Stores a copy of the file and returns its address; the source file is left in place. */
    public StoredArtifact store(Path source) {
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, "upload-", ".part");
            MessageDigest digest = Sha256.digest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String sha = Sha256.hex(digest);
            Path target = path(sha);
            long size = Files.size(tmp);
            if (Files.exists(target) && Files.size(target) == size) {
                Files.delete(tmp);
            } else {
                Files.createDirectories(target.getParent());
                move(tmp, target);
            }
            return new StoredArtifact(sha, size, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the artifact with this SHA-256 lives (whether or not it exists). */
    public Path path(String sha256) {
        return path(root, sha256);
    }

    /**
     * The one layout of the artifact directory: {@code root/ab/cd/abcd…} for the SHA-256
     * {@code abcd…}, so that no directory holds more than 256 entries of the next level.
     */
    public static Path path(Path root, String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
