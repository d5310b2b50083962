package io.mtlboard.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Remembers the SHA-256 of what each start-up import read ({@code import_file}), so that a start
 * with unchanged files skips the import instead of re-reading, re-validating and re-writing it.
 * The digest is stored in the import's own transaction: an import that fails leaves no digest.
 */
@ApplicationScoped
public class ImportLedger {

    private final EntityManager em;

    public ImportLedger(EntityManager em) {
        this.em = em;
    }

    /** Whether the import named {@code key} last recorded exactly this digest. */
    public boolean unchanged(String key, String sha256) {
        List<?> found =
                em.createNativeQuery("select sha256 from import_file where import_key = ?1")
                        .setParameter(1, key)
                        .getResultList();
        return !found.isEmpty() && sha256.equals(found.get(0));
    }

    /** Records the digest of a completed import (in the caller's transaction). */
    public void record(String key, String sha256) {
        int updated =
                em.createNativeQuery(
                                "update import_file set sha256 = ?1, imported_at = ?2 where import_key = ?3")
                        .setParameter(1, sha256)
                        .setParameter(2, OffsetDateTime.now())
                        .setParameter(3, key)
                        .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery(
                            "insert into import_file (import_key, sha256, imported_at) values (?1, ?2, ?3)")
                    .setParameter(1, key)
                    .setParameter(2, sha256)
                    .setParameter(3, OffsetDateTime.now())
                    .executeUpdate();
        }
    }

    /**
     * One digest over the names (relative to {@code base}) and contents of the given files, in the
     * given order; a renamed, added, removed or edited file changes it.
     */
    public static String digest(Path base, List<Path> files) {
        try {
            MessageDigest sha = Sha256.digest();
            for (Path f : files) {
                sha.update(
                        base.relativize(f)
                                .toString()
                                .replace('\\', '/')
                                .getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                byte[] content = Files.readAllBytes(f);
                sha.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            }
            return Sha256.hex(sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
