package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtlboard.run.RowSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board snapshot file: what is written is read back exactly, and nothing else is accepted. */
class BoardSnapshotsFileTest {

    @TempDir Path dir;

    private static final OffsetDateTime TAKEN =
            OffsetDateTime.of(2026, 12, 5, 21, 30, 15, 123_456_789, ZoneOffset.UTC);

    private static List<BoardCalculator.RunFacts> facts() {
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("segmentation.miou", 41.5);
        withNull.put("depth.abs_err", 0.5);
        return List.of(
                new BoardCalculator.RunFacts(
                        7,
                        "ew",
                        "EW",
                        "segnet",
                        "adam",
                        "param",
                        RowSource.LITERATURE,
                        null,
                        3,
                        null,
                        "elich",
                        "elich",
                        "adam",
                        "Elich et al. (2024), Table A4 — « ünïcode »",
                        new BoardCalculator.Published(-1.25, 0.5, null, 0.75, "printed note"),
                        Map.of("segmentation.miou", 40.25, "depth.abs_err", 0.5125)),
                new BoardCalculator.RunFacts(
                        9,
                        "stl",
                        "Single-task",
                        "segnet",
                        "adam",
                        "param",
                        RowSource.VERIFIED,
                        2,
                        null,
                        42L,
                        "mtlboard",
                        null,
                        null,
                        null,
                        BoardCalculator.Published.NONE,
                        java.util.Collections.unmodifiableMap(withNull)),
                new BoardCalculator.RunFacts(
                        Long.MAX_VALUE,
                        "pcgrad",
                        "PCGrad",
                        "segnet",
                        "sgd",
                        "feature",
                        RowSource.CLAIMED,
                        0,
                        null,
                        -1L,
                        "mtlboard",
                        null,
                        null,
                        null,
                        BoardCalculator.Published.NONE,
                        Map.of()));
    }

    private static final List<BoardCalculator.MetricInfo> METRICS =
            List.of(
                    new BoardCalculator.MetricInfo("segmentation.miou", "segmentation", true),
                    new BoardCalculator.MetricInfo("depth.abs_err", "depth", false));

    private static List<BoardCalculator.BoardRow> rows() {
        return BoardCalculator.rows(METRICS, facts());
    }

    private void write(Path file) throws IOException {
        BoardSnapshotFile.write(file, "key-1", TAKEN, facts(), List.of(11L, 12L), rows());
    }

    @Test
    void shouldReadBackExactlyWhatWasWritten() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        write(file);

        BoardSnapshots.Snapshot back = BoardSnapshotFile.read(file, "key-1").orElseThrow();
        BoardSnapshots.Rows rows = BoardSnapshotFile.readRows(file, "key-1").orElseThrow();

        assertThat(back.takenAt()).isEqualTo(TAKEN);
        assertThat(back.facts()).isEqualTo(facts());
        assertThat(back.unlisted()).containsExactlyInAnyOrder(11L, 12L);
        assertThat(back.facts().get(0).published().note()).isEqualTo("printed note");
        assertThat(rows.rows()).isNotEmpty().isEqualTo(rows());
        assertThat(rows.rows().get(0).metrics().keySet())
                .containsExactlyElementsOf(rows().get(0).metrics().keySet());
        assertThat(rows.takenAt()).isEqualTo(TAKEN);
        assertThat(rows.runs()).isEqualTo(3);
        assertThat(rows.idSum()).isEqualTo(7 + 9 + Long.MAX_VALUE);
        assertThat(rows.unlisted()).containsExactlyInAnyOrder(11L, 12L);
    }

    @Test
    void shouldIgnoreASnapshotTakenUnderAnotherKey() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        write(file);

        assertThat(BoardSnapshotFile.read(file, "key-2")).isEmpty();
        assertThat(BoardSnapshotFile.readRows(file, "key-2")).isEmpty();
    }

    @Test
    void shouldRefuseATruncatedOrForeignFile() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        write(file);
        byte[] whole = Files.readAllBytes(file);

        for (int cut : new int[] {0, 5, 12, whole.length / 2, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> BoardSnapshotFile.read(file, "key-1"))
                    .as("cut at %d of %d bytes", cut, whole.length)
                    .isInstanceOf(IOException.class);
        }
        Files.writeString(file, "not a snapshot at all, just some text of some length");
        assertThatThrownBy(() -> BoardSnapshotFile.read(file, "key-1"))
                .isInstanceOf(IOException.class);
    }

    /**
     * Any single changed byte (a value, a reference, a count) is refused — by the checksums, or by the
     * bounds every count and reference is checked against — or leaves what is read unchanged (a byte
     * of the facts, for the reader of the rows); it is never read as other numbers.
     */
    @Test
    void shouldNeverReadAChangedByteAsOtherNumbers() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        write(file);
        byte[] whole = Files.readAllBytes(file);
        BoardSnapshots.Snapshot facts = BoardSnapshotFile.read(file, "key-1").orElseThrow();
        BoardSnapshots.Rows rows = BoardSnapshotFile.readRows(file, "key-1").orElseThrow();
        int refused = 0;
        for (int i = 0; i < whole.length; i++) {
            byte[] changed = whole.clone();
            changed[i] ^= 0x5a;
            Files.write(file, changed);
            for (boolean rowsOnly : new boolean[] {false, true}) {
                try {
                    java.util.Optional<?> back =
                            rowsOnly
                                    ? BoardSnapshotFile.readRows(file, "key-1")
                                    : BoardSnapshotFile.read(file, "key-1");
                    if (back.isPresent()) {
                        assertThat(back.get())
                                .as("byte %d of %d changed", i, whole.length)
                                .isEqualTo(rowsOnly ? rows : facts);
                    } else {
                        refused++;
                    }
                } catch (IOException | RuntimeException e) {
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(whole.length);
    }

    /** Above 2,000 changed runs and a tenth of the board, one read of all runs beats re-reading by id. */
    @Test
    void shouldReadAllRunsAfterABulkChange() {
        assertThat(LiveBoards.tooMany(2_000, 100)).isFalse();
        assertThat(LiveBoards.tooMany(2_001, 100)).isTrue();
        assertThat(LiveBoards.tooMany(10_000, 100_000)).isFalse();
        assertThat(LiveBoards.tooMany(10_001, 100_000)).isTrue();
        assertThat(LiveBoards.tooMany(0, 0)).isFalse();
    }
}
