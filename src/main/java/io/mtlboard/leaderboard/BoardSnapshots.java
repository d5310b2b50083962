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
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
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
    private static final int FORMAT = 4;

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

    /** The head and rows of a benchmark's snapshot whose key matches, if it can be read. */
    Optional<Rows> readRows(String benchmarkId, List<BoardCalculator.MetricInfo> metrics) {
        Path file = file(benchmarkId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return readRows(file, key(benchmarkId, metrics));
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
                write(tmp, key, takenAt, facts, unlisted, rows);
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

    // ---- file format: magic, format, key, taken-at, board runs, id sum, unlisted ids, string
    // table,
    // ---- rows (length-prefixed, so that a reader of the facts skips them), facts, magic

    static void write(
            Path file,
            String key,
            OffsetDateTime takenAt,
            Collection<BoardCalculator.RunFacts> facts,
            Collection<Long> unlisted,
            List<BoardCalculator.BoardRow> rows)
            throws IOException {
        Map<String, Integer> strings = new HashMap<>();
        List<String> table = new ArrayList<>();
        long idSum = 0;
        for (BoardCalculator.RunFacts f : facts) {
            idSum += f.runId();
            intern(strings, table, strings(f));
        }
        for (BoardCalculator.BoardRow r : rows) {
            intern(strings, table, strings(r));
        }
        CheckedOutputStream checked =
                new CheckedOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                        new CRC32());
        try (DataOutputStream out = new DataOutputStream(checked)) {
            out.writeLong(MAGIC);
            out.writeInt(FORMAT);
            writeString(out, key);
            Instant at = takenAt.toInstant();
            out.writeLong(at.getEpochSecond());
            out.writeInt(at.getNano());
            out.writeInt(facts.size());
            out.writeLong(idSum);
            out.writeInt(unlisted.size());
            for (Long id : unlisted) {
                out.writeLong(id);
            }
            out.writeInt(table.size());
            for (String s : table) {
                writeString(out, s);
            }
            java.io.ByteArrayOutputStream rowBytes = new java.io.ByteArrayOutputStream();
            DataOutputStream rowOut = new DataOutputStream(rowBytes);
            rowOut.writeInt(rows.size());
            for (BoardCalculator.BoardRow r : rows) {
                writeRow(rowOut, strings, r);
            }
            rowOut.flush();
            out.writeInt(rowBytes.size());
            rowBytes.writeTo(out);
            out.writeLong(checked.getChecksum().getValue());
            out.writeInt(facts.size());
            for (BoardCalculator.RunFacts f : facts) {
                writeFacts(out, strings, f);
            }
            out.writeLong(checked.getChecksum().getValue());
            out.writeLong(MAGIC);
        }
    }

    /** The head of a snapshot and its rows: enough to serve the board while nothing changed. */
    record Rows(
            OffsetDateTime takenAt,
            int runs,
            long idSum,
            Set<Long> unlisted,
            List<BoardCalculator.BoardRow> rows) {}

    /** Reads the head and the rows of a snapshot (not the facts); empty under another key. */
    static Optional<Rows> readRows(Path file, String key) throws IOException {
        try (In in = open(file)) {
            Head head = head(in, file, key);
            if (head == null) {
                return Optional.empty();
            }
            count(in); // length of the rows section
            int n = count(in);
            List<BoardCalculator.BoardRow> rows = new ArrayList<>(Math.min(n, 1 << 12));
            for (int i = 0; i < n; i++) {
                rows.add(readRow(in, head.table));
            }
            in.verify();
            return Optional.of(
                    new Rows(
                            head.takenAt, head.runs, head.idSum, head.unlisted, List.copyOf(rows)));
        } catch (EOFException e) {
            throw new IOException("truncated", e);
        }
    }

    static Optional<Snapshot> read(Path file, String key) throws IOException {
        try (In in = open(file)) {
            Head head = head(in, file, key);
            if (head == null) {
                return Optional.empty();
            }
            in.skipNBytes(count(in));
            in.verify();
            int runs = count(in);
            if (runs != head.runs) {
                throw new IOException("run count differs from the head");
            }
            RowSource[] sources = RowSource.values();
            List<BoardCalculator.RunFacts> facts = new ArrayList<>(Math.min(runs, 1 << 16));
            for (int i = 0; i < runs; i++) {
                facts.add(readFacts(in, head.table, sources));
            }
            in.verify();
            if (in.readLong() != MAGIC) {
                throw new IOException("no end mark");
            }
            return Optional.of(new Snapshot(head.takenAt, facts, head.unlisted));
        } catch (EOFException e) {
            throw new IOException("truncated", e);
        }
    }

    /** A snapshot being read: counts are bounded by the file's size, and bytes are checksummed. */
    private static final class In extends DataInputStream {
        final long size;
        final CheckedInputStream checked;

        In(CheckedInputStream checked, long size) {
            super(checked);
            this.checked = checked;
            this.size = size;
        }

        /** Reads the stored checksum of everything before it and compares. */
        void verify() throws IOException {
            long actual = checked.getChecksum().getValue();
            if (readLong() != actual) {
                throw new IOException("checksum mismatch");
            }
        }
    }

    private static In open(Path file) throws IOException {
        return new In(
                new CheckedInputStream(
                        new BufferedInputStream(Files.newInputStream(file), 1 << 16), new CRC32()),
                Files.size(file));
    }

    private record Head(
            OffsetDateTime takenAt, int runs, long idSum, Set<Long> unlisted, String[] table) {}

    /** The head and string table; null (with a log line) when the key differs. */
    private static Head head(DataInputStream in, Path file, String key) throws IOException {
        if (in.readLong() != MAGIC || in.readInt() != FORMAT) {
            throw new IOException("not a board snapshot of format " + FORMAT);
        }
        if (!key.equals(readString(in))) {
            LOG.infof(
                    "Board snapshot %s not used: taken under other registries, metrics or database",
                    file);
            return null;
        }
        OffsetDateTime takenAt =
                Instant.ofEpochSecond(in.readLong(), in.readInt()).atOffset(ZoneOffset.UTC);
        int runs = count(in);
        long idSum = in.readLong();
        int others = count(in);
        Set<Long> unlisted = new HashSet<>(Math.min(others, 1 << 12) * 2);
        for (int i = 0; i < others; i++) {
            unlisted.add(in.readLong());
        }
        int n = count(in);
        String[] table = new String[n];
        for (int i = 0; i < n; i++) {
            table[i] = readString(in);
        }
        return new Head(takenAt, runs, idSum, unlisted, table);
    }

    private static void writeFacts(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.RunFacts f)
            throws IOException {
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
        writePublished(out, strings, f.published());
        writeValues(out, strings, f.values());
    }

    private static BoardCalculator.RunFacts readFacts(
            DataInputStream in, String[] table, RowSource[] sources) throws IOException {
        long id = in.readLong();
        String methodId = deref(in, table);
        String methodName = deref(in, table);
        String backboneId = deref(in, table);
        String optimizer = deref(in, table);
        String level = deref(in, table);
        RowSource source = sources[in.readUnsignedByte() % sources.length];
        Integer seed = nullableInt(in);
        Integer reported = nullableInt(in);
        Long owner = in.readBoolean() ? in.readLong() : null;
        String protocol = deref(in, table);
        String baselineProtocol = deref(in, table);
        String baselineOptimizer = deref(in, table);
        String citation = deref(in, table);
        BoardCalculator.Published published = readPublished(in, table);
        Map<String, Double> values = readValues(in, table);
        return new BoardCalculator.RunFacts(
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
                        : Map.copyOf(values));
    }

    private static void writeRow(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.BoardRow r)
            throws IOException {
        ref(out, strings, r.settingId());
        ref(out, strings, r.backboneId());
        ref(out, strings, r.protocol());
        ref(out, strings, r.methodId());
        ref(out, strings, r.methodName());
        ref(out, strings, r.optimizer());
        ref(out, strings, r.gradientLevel());
        out.writeByte(r.source().ordinal());
        ref(out, strings, r.citation());
        nullableInt(out, r.seeds());
        writeIds(out, r.runIds());
        out.writeInt(r.metrics().size());
        for (Map.Entry<String, SeedStats> m : r.metrics().entrySet()) {
            ref(out, strings, m.getKey());
            writeStats(out, m.getValue());
        }
        writeStats(out, r.deltaMPerTask());
        writeStats(out, r.deltaMFlat());
        BoardCalculator.Baseline b = r.baseline();
        out.writeBoolean(b != null);
        if (b != null) {
            writeIds(out, b.runIds());
            ref(out, strings, b.citation());
            out.writeByte(b.source().ordinal());
            ref(out, strings, b.optimizer());
            ref(out, strings, b.protocol());
            nullableInt(out, b.seeds());
            writeValues(out, strings, b.means());
        }
        out.writeByte(r.role().ordinal());
        writePublished(out, strings, r.published());
    }

    private static BoardCalculator.BoardRow readRow(DataInputStream in, String[] table)
            throws IOException {
        RowSource[] sources = RowSource.values();
        String settingId = deref(in, table);
        String backboneId = deref(in, table);
        String protocol = deref(in, table);
        String methodId = deref(in, table);
        String methodName = deref(in, table);
        String optimizer = deref(in, table);
        String level = deref(in, table);
        RowSource source = sources[in.readUnsignedByte() % sources.length];
        String citation = deref(in, table);
        Integer seeds = nullableInt(in);
        List<Long> runIds = readIds(in);
        int m = count(in);
        Map<String, SeedStats> metrics = new java.util.LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            metrics.put(deref(in, table), readStats(in));
        }
        SeedStats perTask = readStats(in);
        SeedStats flat = readStats(in);
        BoardCalculator.Baseline baseline = null;
        if (in.readBoolean()) {
            List<Long> ids = readIds(in);
            String bCitation = deref(in, table);
            RowSource bSource = sources[in.readUnsignedByte() % sources.length];
            String bOptimizer = deref(in, table);
            String bProtocol = deref(in, table);
            Integer bSeeds = nullableInt(in);
            Map<String, Double> means = readValues(in, table);
            baseline =
                    new BoardCalculator.Baseline(
                            ids,
                            bCitation,
                            bSource,
                            bOptimizer,
                            bProtocol,
                            bSeeds,
                            Collections.unmodifiableMap(means));
        }
        BoardCalculator.Role[] roles = BoardCalculator.Role.values();
        BoardCalculator.Role role = roles[in.readUnsignedByte() % roles.length];
        BoardCalculator.Published published = readPublished(in, table);
        return new BoardCalculator.BoardRow(
                settingId,
                backboneId,
                protocol,
                methodId,
                methodName,
                optimizer,
                level,
                source,
                citation,
                seeds,
                runIds,
                Collections.unmodifiableMap(metrics),
                perTask,
                flat,
                baseline,
                role,
                published);
    }

    private static void writeIds(DataOutputStream out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (Long id : ids) {
            out.writeLong(id);
        }
    }

    private static List<Long> readIds(DataInputStream in) throws IOException {
        int n = count(in);
        List<Long> ids = new ArrayList<>(Math.min(n, 1 << 12));
        for (int i = 0; i < n; i++) {
            ids.add(in.readLong());
        }
        return List.copyOf(ids);
    }

    private static void writeStats(DataOutputStream out, SeedStats s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeInt(s.n());
            out.writeDouble(s.mean());
            nullableDouble(out, s.std());
        }
    }

    private static SeedStats readStats(DataInputStream in) throws IOException {
        return in.readBoolean()
                ? new SeedStats(in.readInt(), in.readDouble(), nullableDouble(in))
                : null;
    }

    private static void writePublished(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.Published p)
            throws IOException {
        boolean none = p == null || p == BoardCalculator.Published.NONE;
        out.writeBoolean(!none);
        if (!none) {
            nullableDouble(out, p.task());
            nullableDouble(out, p.taskStd());
            nullableDouble(out, p.flat());
            nullableDouble(out, p.flatStd());
            ref(out, strings, p.note());
        }
    }

    private static BoardCalculator.Published readPublished(DataInputStream in, String[] table)
            throws IOException {
        return in.readBoolean()
                ? new BoardCalculator.Published(
                        nullableDouble(in),
                        nullableDouble(in),
                        nullableDouble(in),
                        nullableDouble(in),
                        deref(in, table))
                : BoardCalculator.Published.NONE;
    }

    private static void writeValues(
            DataOutputStream out, Map<String, Integer> strings, Map<String, Double> values)
            throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Double> v : values.entrySet()) {
            ref(out, strings, v.getKey());
            nullableDouble(out, v.getValue());
        }
    }

    private static Map<String, Double> readValues(DataInputStream in, String[] table)
            throws IOException {
        int m = count(in);
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (int j = 0; j < m; j++) {
            values.put(deref(in, table), nullableDouble(in));
        }
        return values;
    }

    private static void intern(Map<String, Integer> strings, List<String> table, List<String> all) {
        for (String s : all) {
            if (s != null && strings.putIfAbsent(s, table.size()) == null) {
                table.add(s);
            }
        }
    }

    private static List<String> strings(BoardCalculator.BoardRow r) {
        List<String> s = new ArrayList<>(16);
        Collections.addAll(
                s,
                r.settingId(),
                r.backboneId(),
                r.protocol(),
                r.methodId(),
                r.methodName(),
                r.optimizer(),
                r.gradientLevel(),
                r.citation());
        s.addAll(r.metrics().keySet());
        if (r.baseline() != null) {
            Collections.addAll(
                    s, r.baseline().citation(), r.baseline().optimizer(), r.baseline().protocol());
            s.addAll(r.baseline().means().keySet());
        }
        if (r.published() != null) {
            s.add(r.published().note());
        }
        return s;
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
        if (n < 0 || n > ((In) in).size) {
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
