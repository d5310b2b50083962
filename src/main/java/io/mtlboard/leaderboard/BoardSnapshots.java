package io.mtlboard.leaderboard;

import io.mtlboard.support.MtlboardConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The facts of a benchmark's board kept on disk ({@code <data-dir>/boards/<benchmark>.facts}), so
 * that the first leaderboard request after a start reads one file instead of every run, claim and
 * measurement from the database.
 *
 * <p>A snapshot is a cache, never a source of truth. It is used only when its key matches — the same
 * database (an identity row written once per database), the same metrics and the same imported
 * registries, literature and reference files (the {@code import_file} digests) — and then only as a
 * starting point: the runs updated since the snapshot was taken (minus the late-commit margin) are
 * read again, and if the count and id sum of all the benchmark's runs (an index-only query) then
 * differ from those of the board's runs and the unlisted ids kept beside them (a run deleted
 * outright, a database restored from a backup), the board is read in full.
 * A missing, foreign, truncated or corrupt file is ignored with a log line.
 */
@ApplicationScoped
class BoardSnapshots {

    private static final Logger LOG = Logger.getLogger(BoardSnapshots.class);

    private final MtlboardConfig config;
    private final EntityManager em;
    private volatile String databaseId;

    BoardSnapshots(MtlboardConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /**
     * What was read back: the facts of the listed runs, the ids of the benchmark's other runs (not
     * listed, or hidden), and the moment the database held them.
     */
    record Snapshot(
            OffsetDateTime takenAt, List<BoardCalculator.RunFacts> facts, Set<Long> unlisted) {}

    /** The head of a snapshot and its rows: enough to serve the board while nothing changed. */
    record Rows(
            OffsetDateTime takenAt,
            int runs,
            long idSum,
            Set<Long> unlisted,
            List<BoardCalculator.BoardRow> rows) {}

    /** The snapshot of a benchmark whose key matches, if there is one that can be read. */
    Optional<Snapshot> read(String benchmarkId, List<BoardCalculator.MetricInfo> metrics) {
        Path file = file(benchmarkId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return BoardSnapshotFile.read(file, key(benchmarkId, metrics));
        } catch (IOException | RuntimeException e) {
            LOG.infof("Board snapshot %s not used: %s", file, e.toString());
            return Optional.empty();
        }
    }

    /** The head and rows of a benchmark's snapshot whose key matches, if it can be read. */
    Optional<Rows> readRows(String benchmarkId, List<BoardCalculator.MetricInfo> metrics) {
        Path file = file(benchmarkId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return BoardSnapshotFile.readRows(file, key(benchmarkId, metrics));
        } catch (IOException | RuntimeException e) {
            LOG.infof("Board snapshot %s not used: %s", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Writes a benchmark's facts as they were at {@code takenAt} under {@code key} (from {@link
     * #key}), replacing the file atomically. Touches no database: callable from any thread.
     */
    void write(
            String benchmarkId,
            String key,
            OffsetDateTime takenAt,
            Collection<BoardCalculator.RunFacts> facts,
            Collection<Long> unlisted,
            List<BoardCalculator.BoardRow> rows) {
        Path file = file(benchmarkId);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), benchmarkId, ".tmp");
            try {
                BoardSnapshotFile.write(tmp, key, takenAt, facts, unlisted, rows);
                try {
                    Files.move(
                            tmp,
                            file,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Board snapshot %s not written: %s", file, e.toString());
        }
    }

    Path file(String benchmarkId) {
        return Path.of(config.dataDir(), "boards", safe(benchmarkId) + ".facts");
    }

    /** A file name for any benchmark id (ids come from registries, but never trust a path segment). */
    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * SHA-256 over the format, the database's identity, the benchmark, its metrics and every import
     * digest: a snapshot taken under other registries or another database never matches.
     */
    String key(String benchmarkId, List<BoardCalculator.MetricInfo> metrics) {
        StringBuilder s = new StringBuilder();
        s.append(BoardSnapshotFile.FORMAT)
                .append('\n')
                .append(databaseId())
                .append('\n')
                .append(benchmarkId);
        for (BoardCalculator.MetricInfo m : metrics) {
            s.append('\n').append(m.key()).append('|').append(m.task()).append('|');
            s.append(m.higherIsBetter());
        }
        for (Object row :
                em.createNativeQuery(
                                "select import_key, sha256 from import_file order by import_key")
                        .getResultList()) {
            Object[] r = (Object[]) row;
            s.append('\n').append(r[0]).append('=').append(r[1]);
        }
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random id stored once per database ({@code portal_identity}), read once per process. */
    String databaseId() {
        String id = databaseId;
        if (id != null) {
            return id;
        }
        id = findDatabaseId();
        if (id == null) {
            String fresh = UUID.randomUUID().toString();
            try {
                QuarkusTransaction.requiringNew()
                        .run(
                                () ->
                                        em.createNativeQuery(
                                                        "insert into portal_identity (name, identity) values ('database', ?1)")
                                                .setParameter(1, fresh)
                                                .executeUpdate());
            } catch (RuntimeException e) {
                // another process wrote it first: read theirs
                LOG.debugf("Database identity written concurrently: %s", e.toString());
            }
            id = findDatabaseId();
        }
        databaseId = id;
        return id;
    }

    private String findDatabaseId() {
        List<?> found =
                em.createNativeQuery("select identity from portal_identity where name = 'database'")
                        .getResultList();
        return found.isEmpty() ? null : (String) found.get(0);
    }
}
