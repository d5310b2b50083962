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
        withNull.put("depth.abs_err", null);
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
                        null,
                        null,
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

    @Test
    void shouldReadBackExactlyWhatWasWritten() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        BoardSnapshots.write(file, "key-1", TAKEN, facts(), List.of(11L, 12L));

        BoardSnapshots.Snapshot back = BoardSnapshots.read(file, "key-1").orElseThrow();

        assertThat(back.takenAt()).isEqualTo(TAKEN);
        assertThat(back.facts()).isEqualTo(facts());
        assertThat(back.unlisted()).containsExactlyInAnyOrder(11L, 12L);
        assertThat(back.facts().get(1).values()).containsEntry("depth.abs_err", null);
        assertThat(back.facts().get(0).published().note()).isEqualTo("printed note");
    }

    @Test
    void shouldIgnoreASnapshotTakenUnderAnotherKey() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        BoardSnapshots.write(file, "key-1", TAKEN, facts(), List.of(11L, 12L));

        assertThat(BoardSnapshots.read(file, "key-2")).isEmpty();
    }

    @Test
    void shouldRefuseATruncatedOrForeignFile() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        BoardSnapshots.write(file, "key-1", TAKEN, facts(), List.of(11L, 12L));
        byte[] whole = Files.readAllBytes(file);

        for (int cut : new int[] {0, 5, 12, whole.length / 2, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> BoardSnapshots.read(file, "key-1"))
                    .as("cut at %d of %d bytes", cut, whole.length)
                    .isInstanceOf(IOException.class);
        }
        Files.writeString(file, "not a snapshot at all, just some text of some length");
        assertThatThrownBy(() -> BoardSnapshots.read(file, "key-1"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldRefuseAFileWhoseStringReferencesPointNowhere() throws IOException {
        Path file = dir.resolve("nyuv2.facts");
        BoardSnapshots.write(file, "key-1", TAKEN, facts().subList(0, 1), List.of());
        byte[] bytes = Files.readAllBytes(file);
        // the first run's method reference follows its id: point it past the string table
        int table = indexOf(bytes, "ew".getBytes());
        assertThat(table).isPositive();
        int run = bytes.length - 12; // unlisted count and end mark
        // find the run id 7 (8 bytes big-endian) written after the table and the run count
        for (int i = table; i < run - 12; i++) {
            if (bytes[i] == 0 && bytes[i + 7] == 7 && allZero(bytes, i, 7)) {
                bytes[i + 8] = 0x7f;
                break;
            }
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> BoardSnapshots.read(file, "key-1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("out of range");
    }

    private static boolean allZero(byte[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
