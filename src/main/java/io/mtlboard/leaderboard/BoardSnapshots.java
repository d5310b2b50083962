package io.mtlboard.leaderboard;

import io.mtlboard.run.RowSource;
import io.mtlboard.support.MtlboardConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
    private static final long MAGIC = 0x4d544c42_46414354L; // "MTLBFACT"
    private static final int FORMAT = 2;

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

    /** The snapshot of a benchmark whose key matches, if there is one that can be read. */
    Optional<Snapshot> read(String benchmarkId, List<BoardCalculator.MetricInfo> metrics) {
        Path file = file(benchmarkId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return read(file, key(benchmarkId, metrics));
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
            Collection<Long> unlisted) {
        Path file = file(benchmarkId);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), benchmarkId, ".tmp");
            try {
                write(tmp, key, takenAt, facts, unlisted);
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
        s.append(FORMAT).append('\n').append(databaseId()).append('\n').append(benchmarkId);
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

    // ---- file format: magic, format, key, taken-at, string table, runs ----

    static void write(
            Path file,
            String key,
            OffsetDateTime takenAt,
            Collection<BoardCalculator.RunFacts> facts,
            Collection<Long> unlisted)
            throws IOException {
        Map<String, Integer> strings = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (BoardCalculator.RunFacts f : facts) {
            for (String s : strings(f)) {
                if (s != null && strings.putIfAbsent(s, table.size()) == null) {
                    table.add(s);
                }
            }
        }
        try (DataOutputStream out =
                new DataOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, key);
            Instant at = takenAt.toInstant();
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            out.writeInt(table.size());
            for (String s : table) {
                writeString(out, s);
            }
            out.writeInt(facts.size());
            for (BoardCalculator.RunFacts f : facts) {
                out.writeLong(f.runId());
                ref(out, strings, f.methodId());
                ref(out, strings, f.methodName());
                ref(out, strings, f.backboneId());
                ref(out, strings, f.optimizer());
                ref(out, strings, f.gradientLevel());
                out.writeByte(f.source().ordinal());
                nullableInt(out, f.seed());
                nullableInt(out, f.reportedSeeds());
                out.writeBoolean(f.owner() != null);
                if (f.owner() != null) {
                    out.writeLong(f.owner());
                }
                ref(out, strings, f.protocol());
                ref(out, strings, f.baselineProtocol());
                ref(out, strings, f.baselineOptimizer());
                ref(out, strings, f.citation());
                BoardCalculator.Published p = f.published();
                boolean none = p == null || p == BoardCalculator.Published.NONE;
                out.writeBoolean(!none);
                if (!none) {
                    nullableDouble(out, p.task());
                    nullableDouble(out, p.taskStd());
                    nullableDouble(out, p.flat());
                    nullableDouble(out, p.flatStd());
                    ref(out, strings, p.note());
                }
                out.writeInt(f.values().size());
                for (Map.Entry<String, Double> v : f.values().entrySet()) {
                    ref(out, strings, v.getKey());
                    nullableDouble(out, v.getValue());
                }
            }
            out.writeInt(unlisted.size());
            for (Long id : unlisted) {
                out.writeLong(id);
            }
            out.writeLong(MAGIC);
        }
    }

    static Optional<Snapshot> read(Path file, String key) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a board snapshot of format " + FORMAT);
            }
            if (!key.equals(readString(in))) {
                LOG.infof(
                        "Board snapshot %s not used: taken under other registries, metrics or database",
                        file);
                return Optional.empty();
            }
            OffsetDateTime takenAt =
                    Instant.ofEpochSecond(in.readLong(), in.readInt()).atOffset(ZoneOffset.UTC);
            int n = count(in);
            String[] table = new String[n];
            for (int i = 0; i < n; i++) {
                table[i] = readString(in);
            }
            RowSource[] sources = RowSource.values();
            int runs = count(in);
            List<BoardCalculator.RunFacts> facts = new ArrayList<>(runs);
            for (int i = 0; i < runs; i++) {
                long id = in.readLong();
                String methodId = deref(in, table);
                String methodName = deref(in, table);
                String backboneId = deref(in, table);
                String optimizer = deref(in, table);
                String level = deref(in, table);
                RowSource source = sources[in.readUnsignedByte()];
                Integer seed = nullableInt(in);
                Integer reported = nullableInt(in);
                Long owner = in.readBoolean() ? in.readLong() : null;
                String protocol = deref(in, table);
                String baselineProtocol = deref(in, table);
                String baselineOptimizer = deref(in, table);
                String citation = deref(in, table);
                BoardCalculator.Published published =
                        in.readBoolean()
                                ? new BoardCalculator.Published(
                                        nullableDouble(in),
                                        nullableDouble(in),
                                        nullableDouble(in),
                                        nullableDouble(in),
                                        deref(in, table))
                                : BoardCalculator.Published.NONE;
                int m = count(in);
                Map<String, Double> values = new HashMap<>(m * 2);
                for (int j = 0; j < m; j++) {
                    values.put(deref(in, table), nullableDouble(in));
                }
                facts.add(
                        new BoardCalculator.RunFacts(
                                id,
                                methodId,
                                methodName,
                                backboneId,
                                optimizer,
                                level,
                                source,
                                seed,
                                reported,
                                owner,
                                protocol,
                                baselineProtocol,
                                baselineOptimizer,
                                citation,
                                published,
                                values.containsValue(null)
                                        ? Collections.unmodifiableMap(values)
                                        : Map.copyOf(values)));
            }
            int others = count(in);
            Set<Long> unlisted = new HashSet<>(others * 2);
            for (int i = 0; i < others; i++) {
                unlisted.add(in.readLong());
            }
            if (in.readLong() != MAGIC) {
                throw new IOException("no end mark");
            }
            return Optional.of(new Snapshot(takenAt, facts, unlisted));
        } catch (EOFException e) {
            throw new IOException("truncated", e);
        }
    }

    private static List<String> strings(BoardCalculator.RunFacts f) {
        List<String> s = new ArrayList<>(16);
        Collections.addAll(
                s,
                f.methodId(),
                f.methodName(),
                f.backboneId(),
                f.optimizer(),
                f.gradientLevel(),
                f.protocol(),
                f.baselineProtocol(),
                f.baselineOptimizer(),
                f.citation());
        if (f.published() != null) {
            s.add(f.published().note());
        }
        s.addAll(f.values().keySet());
        return s;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IOException("implausible string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static void ref(DataOutputStream out, Map<String, Integer> strings, String s)
            throws IOException {
        out.writeInt(s == null ? -1 : strings.get(s));
    }

    private static String deref(DataInputStream in, String[] table) throws IOException {
        int i = in.readInt();
        if (i == -1) {
            return null;
        }
        if (i < 0 || i >= table.length) {
            throw new IOException("string reference out of range");
        }
        return table[i];
    }

    private static void nullableInt(DataOutputStream out, Integer v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeInt(v);
        }
    }

    private static Integer nullableInt(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void nullableDouble(DataOutputStream out, Double v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double nullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
