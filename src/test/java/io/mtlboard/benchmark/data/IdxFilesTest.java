package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    /** Debian's dataset-fashion-mnist package; the test skips without it. */
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void shouldReadAHandWrittenUnsignedByteFile() throws IOException {
        byte[] file = {0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, (byte) 255};
        NumericArray a = IdxFiles.read(new ByteArrayInputStream(file), "hand");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toFloats()).containsExactly(1, 2, 3, 4, 5, 255);
    }

    @Test
    void shouldReadBigEndianFloats() throws IOException {
        byte[] file = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, (byte) 0xC0, 0, 0}; // 1.5f
        assertThat(IdxFiles.read(new ByteArrayInputStream(file), "hand").toFloats())
                .containsExactly(1.5f);
    }

    @Test
    void shouldRefuseTruncatedAndTrailingData() {
        byte[] truncated = {0, 0, 0x08, 1, 0, 0, 0, 3, 1, 2};
        byte[] trailing = {0, 0, 0x08, 1, 0, 0, 0, 1, 1, 2};
        assertThatThrownBy(() -> IdxFiles.read(new ByteArrayInputStream(truncated), "t"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> IdxFiles.read(new ByteArrayInputStream(trailing), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void shouldRoundTripGzipAndJoinShards(@TempDir Path dir) throws IOException {
        byte[] first = {1, 2, 3, 4, 5, 6};
        byte[] second = {7, 8, 9};
        Path a = dir.resolve("a.idx.gz");
        Path b = dir.resolve("b.idx");
        IdxFiles.write(a, NumericArray.ofUint8(new int[] {2, 3}, first), true);
        IdxFiles.write(b, NumericArray.ofUint8(new int[] {1, 3}, second), false);
        assertThat(Files.readAllBytes(a)[0]).isEqualTo((byte) 0x1f);
        NumericArray joined = IdxFiles.readShards(List.of(a, b));
        assertThat(joined.shape()).containsExactly(3, 3);
        assertThat(joined.toBytes(0, 9)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void shouldReadFashionMnistTestFilesWhenInstalled() throws IOException {
        assumeTrue(Files.isDirectory(FASHION), "Debian's dataset-fashion-mnist is not installed");
        NumericArray images = IdxFiles.read(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        NumericArray labels = IdxFiles.read(FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThat(images.shape()).containsExactly(10000, 28, 28);
        assertThat(labels.shape()).containsExactly(10000);
        // the first test item is an ankle boot (class 9), the second a pullover (class 2)
        assertThat(labels.getInt(0)).isEqualTo(9);
        assertThat(labels.getInt(1)).isEqualTo(2);
    }
}
