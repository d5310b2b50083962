package io.mtlboard.leaderboard;

import io.mtlboard.run.RowSource;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The records of a board snapshot ({@link BoardSnapshotFile}): a run's facts and a board row, each
 * with its ids, seed statistics, published Δm and metric values, strings written as references
 * into the file's string table.
 */
final class BoardSnapshotRecords {

    private BoardSnapshotRecords() {}

    static void writeFacts(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.RunFacts f)
            throws IOException {
        out.writeLong(f.runId());
        BoardSnapshotFile.ref(out, strings, f.methodId());
        BoardSnapshotFile.ref(out, strings, f.methodName());
        BoardSnapshotFile.ref(out, strings, f.backboneId());
        BoardSnapshotFile.ref(out, strings, f.optimizer());
        BoardSnapshotFile.ref(out, strings, f.gradientLevel());
        out.writeByte(f.source().ordinal());
        BoardSnapshotFile.nullableInt(out, f.seed());
        BoardSnapshotFile.nullableInt(out, f.reportedSeeds());
        out.writeBoolean(f.owner() != null);
        if (f.owner() != null) {
            out.writeLong(f.owner());
        }
        BoardSnapshotFile.ref(out, strings, f.protocol());
        BoardSnapshotFile.ref(out, strings, f.baselineProtocol());
        BoardSnapshotFile.ref(out, strings, f.baselineOptimizer());
        BoardSnapshotFile.ref(out, strings, f.citation());
        writePublished(out, strings, f.published());
        writeValues(out, strings, f.values());
    }

    static BoardCalculator.RunFacts readFacts(
            DataInputStream in, String[] table, RowSource[] sources) throws IOException {
        long id = in.readLong();
        String methodId = BoardSnapshotFile.deref(in, table);
        String methodName = BoardSnapshotFile.deref(in, table);
        String backboneId = BoardSnapshotFile.deref(in, table);
        String optimizer = BoardSnapshotFile.deref(in, table);
        String level = BoardSnapshotFile.deref(in, table);
        RowSource source = sources[in.readUnsignedByte() % sources.length];
        Integer seed = BoardSnapshotFile.nullableInt(in);
        Integer reported = BoardSnapshotFile.nullableInt(in);
        Long owner = in.readBoolean() ? in.readLong() : null;
        String protocol = BoardSnapshotFile.deref(in, table);
        String baselineProtocol = BoardSnapshotFile.deref(in, table);
        String baselineOptimizer = BoardSnapshotFile.deref(in, table);
        String citation = BoardSnapshotFile.deref(in, table);
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

    static void writeRow(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.BoardRow r)
            throws IOException {
        BoardSnapshotFile.ref(out, strings, r.settingId());
        BoardSnapshotFile.ref(out, strings, r.backboneId());
        BoardSnapshotFile.ref(out, strings, r.protocol());
        BoardSnapshotFile.ref(out, strings, r.methodId());
        BoardSnapshotFile.ref(out, strings, r.methodName());
        BoardSnapshotFile.ref(out, strings, r.optimizer());
        BoardSnapshotFile.ref(out, strings, r.gradientLevel());
        out.writeByte(r.source().ordinal());
        BoardSnapshotFile.ref(out, strings, r.citation());
        BoardSnapshotFile.nullableInt(out, r.seeds());
        writeIds(out, r.runIds());
        out.writeInt(r.metrics().size());
        for (Map.Entry<String, SeedStats> m : r.metrics().entrySet()) {
            BoardSnapshotFile.ref(out, strings, m.getKey());
            writeStats(out, m.getValue());
        }
        writeStats(out, r.deltaMPerTask());
        writeStats(out, r.deltaMFlat());
        BoardCalculator.Baseline b = r.baseline();
        out.writeBoolean(b != null);
        if (b != null) {
            writeIds(out, b.runIds());
            BoardSnapshotFile.ref(out, strings, b.citation());
            out.writeByte(b.source().ordinal());
            BoardSnapshotFile.ref(out, strings, b.optimizer());
            BoardSnapshotFile.ref(out, strings, b.protocol());
            BoardSnapshotFile.nullableInt(out, b.seeds());
            writeValues(out, strings, b.means());
        }
        out.writeByte(r.role().ordinal());
        writePublished(out, strings, r.published());
    }

    static BoardCalculator.BoardRow readRow(DataInputStream in, String[] table) throws IOException {
        RowSource[] sources = RowSource.values();
        String settingId = BoardSnapshotFile.deref(in, table);
        String backboneId = BoardSnapshotFile.deref(in, table);
        String protocol = BoardSnapshotFile.deref(in, table);
        String methodId = BoardSnapshotFile.deref(in, table);
        String methodName = BoardSnapshotFile.deref(in, table);
        String optimizer = BoardSnapshotFile.deref(in, table);
        String level = BoardSnapshotFile.deref(in, table);
        RowSource source = sources[in.readUnsignedByte() % sources.length];
        String citation = BoardSnapshotFile.deref(in, table);
        Integer seeds = BoardSnapshotFile.nullableInt(in);
        List<Long> runIds = readIds(in);
        int m = BoardSnapshotFile.count(in);
        Map<String, SeedStats> metrics = new java.util.LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            metrics.put(BoardSnapshotFile.deref(in, table), readStats(in));
        }
        SeedStats perTask = readStats(in);
        SeedStats flat = readStats(in);
        BoardCalculator.Baseline baseline = null;
        if (in.readBoolean()) {
            List<Long> ids = readIds(in);
            String bCitation = BoardSnapshotFile.deref(in, table);
            RowSource bSource = sources[in.readUnsignedByte() % sources.length];
            String bOptimizer = BoardSnapshotFile.deref(in, table);
            String bProtocol = BoardSnapshotFile.deref(in, table);
            Integer bSeeds = BoardSnapshotFile.nullableInt(in);
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

    static void writeIds(DataOutputStream out, List<Long> ids) throws IOException {
        out.writeInt(ids.size());
        for (Long id : ids) {
            out.writeLong(id);
        }
    }

    static List<Long> readIds(DataInputStream in) throws IOException {
        int n = BoardSnapshotFile.count(in);
        List<Long> ids = new ArrayList<>(Math.min(n, 1 << 12));
        for (int i = 0; i < n; i++) {
            ids.add(in.readLong());
        }
        return List.copyOf(ids);
    }

    static void writeStats(DataOutputStream out, SeedStats s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeInt(s.n());
            out.writeDouble(s.mean());
            BoardSnapshotFile.nullableDouble(out, s.std());
        }
    }

    static SeedStats readStats(DataInputStream in) throws IOException {
        return in.readBoolean()
                ? new SeedStats(in.readInt(), in.readDouble(), BoardSnapshotFile.nullableDouble(in))
                : null;
    }

    static void writePublished(
            DataOutputStream out, Map<String, Integer> strings, BoardCalculator.Published p)
            throws IOException {
        boolean none = p == null || p == BoardCalculator.Published.NONE;
        out.writeBoolean(!none);
        if (!none) {
            BoardSnapshotFile.nullableDouble(out, p.task());
            BoardSnapshotFile.nullableDouble(out, p.taskStd());
            BoardSnapshotFile.nullableDouble(out, p.flat());
            BoardSnapshotFile.nullableDouble(out, p.flatStd());
            BoardSnapshotFile.ref(out, strings, p.note());
        }
    }

    static BoardCalculator.Published readPublished(DataInputStream in, String[] table)
            throws IOException {
        return in.readBoolean()
                ? new BoardCalculator.Published(
                        BoardSnapshotFile.nullableDouble(in),
                        BoardSnapshotFile.nullableDouble(in),
                        BoardSnapshotFile.nullableDouble(in),
                        BoardSnapshotFile.nullableDouble(in),
                        BoardSnapshotFile.deref(in, table))
                : BoardCalculator.Published.NONE;
    }

    static void writeValues(
            DataOutputStream out, Map<String, Integer> strings, Map<String, Double> values)
            throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Double> v : values.entrySet()) {
            BoardSnapshotFile.ref(out, strings, v.getKey());
            BoardSnapshotFile.nullableDouble(out, v.getValue());
        }
    }

    static Map<String, Double> readValues(DataInputStream in, String[] table) throws IOException {
        int m = BoardSnapshotFile.count(in);
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (int j = 0; j < m; j++) {
            values.put(BoardSnapshotFile.deref(in, table), BoardSnapshotFile.nullableDouble(in));
        }
        return values;
    }

    static List<String> strings(BoardCalculator.BoardRow r) {
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

    static List<String> strings(BoardCalculator.RunFacts f) {
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
}
