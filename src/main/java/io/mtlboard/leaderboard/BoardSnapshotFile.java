package io.mtlboard.leaderboard;

import io.mtlboard.run.RowSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.jboss.logging.Logger;

/**
 * The file format of a board snapshot ({@link BoardSnapshots}): magic, format, key, taken-at, the
 * board's run count and id sum, the unlisted ids, a string table, the rows (length-prefixed, so
 * that a reader of the facts skips them), the facts, and the magic again; each section ends with
 * the CRC32 of everything before it. Counts are bounded by the file's size, so a truncated or
 * hostile file fails with an {@link IOException} instead of allocating what it claims.
 */
final class BoardSnapshotFile {

    private static final Logger LOG = Logger.getLogger(BoardSnapshotFile.class);
    private static final long MAGIC = 0x4d544c42_46414354L; // "MTLBFACT"
    static final int FORMAT = 4;

    private BoardSnapshotFile() {}

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
            intern(strings, table, BoardSnapshotRecords.strings(f));
        }
        for (BoardCalculator.BoardRow r : rows) {
            intern(strings, table, BoardSnapshotRecords.strings(r));
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
                BoardSnapshotRecords.writeRow(rowOut, strings, r);
            }
            rowOut.flush();
            out.writeInt(rowBytes.size());
            rowBytes.writeTo(out);
            out.writeLong(checked.getChecksum().getValue());
            out.writeInt(facts.size());
            for (BoardCalculator.RunFacts f : facts) {
                BoardSnapshotRecords.writeFacts(out, strings, f);
            }
            out.writeLong(checked.getChecksum().getValue());
            out.writeLong(MAGIC);
        }
    }

    /** Reads the head and the rows of a snapshot (not the facts); empty under another key. */
    static Optional<BoardSnapshots.Rows> readRows(Path file, String key) throws IOException {
        try (In in = open(file)) {
            Head head = head(in, file, key);
            if (head == null) {
                return Optional.empty();
            }
            count(in); // length of the rows section
            int n = count(in);
            List<BoardCalculator.BoardRow> rows = new ArrayList<>(Math.min(n, 1 << 12));
            for (int i = 0; i < n; i++) {
                rows.add(BoardSnapshotRecords.readRow(in, head.table));
            }
            in.verify();
            return Optional.of(
                    new BoardSnapshots.Rows(
                            head.takenAt, head.runs, head.idSum, head.unlisted, List.copyOf(rows)));
        } catch (EOFException e) {
            throw new IOException("truncated", e);
        }
    }

    static Optional<BoardSnapshots.Snapshot> read(Path file, String key) throws IOException {
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
                facts.add(BoardSnapshotRecords.readFacts(in, head.table, sources));
            }
            in.verify();
            if (in.readLong() != MAGIC) {
                throw new IOException("no end mark");
            }
            return Optional.of(new BoardSnapshots.Snapshot(head.takenAt, facts, head.unlisted));
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

    static void intern(Map<String, Integer> strings, List<String> table, List<String> all) {
        for (String s : all) {
            if (s != null && strings.putIfAbsent(s, table.size()) == null) {
                table.add(s);
            }
        }
    }

    static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > ((In) in).size) {
            throw new IOException("implausible count " + n);
        }
        return n;
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IOException("implausible string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    static void ref(DataOutputStream out, Map<String, Integer> strings, String s)
            throws IOException {
        out.writeInt(s == null ? -1 : strings.get(s));
    }

    static String deref(DataInputStream in, String[] table) throws IOException {
        int i = in.readInt();
        if (i == -1) {
            return null;
        }
        if (i < 0 || i >= table.length) {
            throw new IOException("string reference out of range");
        }
        return table[i];
    }

    static void nullableInt(DataOutputStream out, Integer v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeInt(v);
        }
    }

    static Integer nullableInt(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    static void nullableDouble(DataOutputStream out, Double v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    static Double nullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
