package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads fixtures written by NumPy 2.4 ({@code src/test/resources/npy}) and round-trips our own files. */
class NpyFilesTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyFilesTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void shouldReadFloat32MatrixWrittenByNumpy() throws Exception {
        NumericArray a = NpyFiles.read(fixture("f4-2x3.npy"));
        assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toFloats()).containsExactly(0.5f, -1.25f, 3.0f, 1e-3f, 2.5f, -7.0f);
    }

    @Test
    void shouldReadInt64LabelsWithTheIgnoreValue() throws Exception {
        NumericArray a = NpyFiles.read(fixture("i8-label.npy"));
        assertThat(a.dtype()).isEqualTo(DType.INT64);
        assertThat(a.getInt(0)).isEqualTo(-1);
        assertThat(a.getInt(2)).isEqualTo(12);
        assertThat(a.toFloats()).containsExactly(-1, 0, 12, 5, 6, 7);
    }

    @Test
    void shouldReadBigEndianDoublesBooleansBytesAndVersion2Headers() throws Exception {
        assertThat(NpyFiles.read(fixture("f8-big-endian.npy")).toFloats())
                .containsExactly(1.5f, -2.25f);
        assertThat(NpyFiles.read(fixture("b1.npy")).toFloats()).containsExactly(1, 0, 1);
        NumericArray u1 = NpyFiles.read(fixture("u1-3d.npy"));
        assertThat(u1.shape()).containsExactly(2, 3, 4);
        assertThat(u1.getInt(23)).isEqualTo(23);
        NumericArray v2 = NpyFiles.read(fixture("v2-i2.npy"));
        assertThat(v2.dtype()).isEqualTo(DType.INT16);
        assertThat(v2.toFloats()).containsExactly(-300, 300);
    }

    @Test
    void shouldRefuseFortranOrder() {
        assertThatThrownBy(() -> NpyFiles.read(fixture("fortran.npy")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Fortran");
    }

    @Test
    void shouldRefuseAFileThatIsNotNpy(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("x.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> NpyFiles.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an NPY");
    }

    @Test
    void shouldWriteTheSameBytesAsNumpy(@TempDir Path dir) throws Exception {
        NumericArray a = NpyFiles.read(fixture("f4-2x3.npy"));
        Path out = dir.resolve("copy.npy");
        NpyFiles.write(out, NumericArray.ofFloat32(a.shape(), a.toFloats()));
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fixture("f4-2x3.npy")));
    }

    @Test
    void shouldRoundTripUnsignedBytes(@TempDir Path dir) throws IOException {
        byte[] bytes = {0, 1, (byte) 200, (byte) 255};
        Path out = dir.resolve("u1.npy");
        NpyFiles.write(out, NumericArray.ofUint8(new int[] {4}, bytes));
        NumericArray back = NpyFiles.read(out);
        assertThat(back.shape()).containsExactly(4);
        assertThat(back.toBytes(0, 4)).containsExactly(bytes);
        assertThat(back.getInt(2)).isEqualTo(200);
    }
}
