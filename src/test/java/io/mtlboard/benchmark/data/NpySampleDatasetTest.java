package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LibMTL per-sample layout, on a tiny NYUv2-shaped fixture (2 × 3 pixels) written here. */
class NpySampleDatasetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int H = 2;
    private static final int W = 3;

    /** The NYUv2 manifest with its resolution shrunk to H × W. */
    private static BenchmarkManifest tinyNyu() throws IOException {
        ObjectNode m =
                (ObjectNode)
                        JSON.readTree(Path.of("benchmarks-data/nyuv2/benchmark.json").toFile());
        ((ArrayNode) m.get("input").get("shape")).removeAll().add(3).add(H).add(W);
        int[] channels = {13, 1, 3};
        for (int t = 0; t < 3; t++) {
            ((ArrayNode) m.get("tasks").get(t).get("output").get("shape"))
                    .removeAll()
                    .add(channels[t])
                    .add(H)
                    .add(W);
        }
        return BenchmarkManifestReader.parse(JSON.writeValueAsBytes(m), "tiny nyuv2");
    }

    /** Channel-last values: element (y, x, c) = 100·c + 10·y + x. */
    private static float[] hwc(int channels) {
        float[] v = new float[H * W * channels];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < channels; c++) {
                    v[(y * W + x) * channels + c] = 100 * c + 10 * y + x;
                }
            }
        }
        return v;
    }

    private static void write(Path root, String dir, int i, int[] shape, float[] values)
            throws IOException {
        Files.createDirectories(root.resolve(dir));
        NpyFiles.write(
                root.resolve(dir).resolve(i + ".npy"), NumericArray.ofFloat32(shape, values));
    }

    @Test
    void shouldMoveChannelsFirstAndKeepLabelMaps(@TempDir Path external) throws IOException {
        Path val = external.resolve("nyuv2/val");
        for (int i = 0; i < 2; i++) {
            write(val, "image", i, new int[] {H, W, 3}, hwc(3));
            write(val, "label", i, new int[] {H, W}, new float[] {-1, 0, 1, 2, 12, 5});
            write(val, "depth", i, new int[] {H, W, 1}, hwc(1));
            write(val, "normal", i, new int[] {H, W, 3}, hwc(3));
        }
        BenchmarkDataset test =
                BenchmarkData.open(
                        tinyNyu(),
                        "test",
                        new DataLocations(
                                Path.of("benchmarks-data"),
                                external,
                                external,
                                external.resolve("cache")));
        assertThat(test.size()).isEqualTo(2);
        Sample s = test.get(1);
        // C × H × W: channel 0 then 1 then 2, each row-major
        assertThat(s.input())
                .containsExactly(
                        0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112, 200, 201, 202, 210, 211,
                        212);
        assertThat(s.targets().get(0)).containsExactly(-1, 0, 1, 2, 12, 5);
        assertThat(s.targets().get(1)).containsExactly(0, 1, 2, 10, 11, 12);
        assertThat(s.targets().get(2)).hasSize(3 * H * W);
    }

    @Test
    void shouldExplainWhereTheDataIsExpected(@TempDir Path external) throws IOException {
        BenchmarkManifest m = tinyNyu();
        DataLocations loc =
                new DataLocations(Path.of("benchmarks-data"), external, external, external);
        assertThatThrownBy(() -> BenchmarkData.open(m, "test", loc))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nyuv2")
                .hasMessageContaining("image/0.npy");
    }

    @Test
    void shouldTakeOneColumnOfAPerSampleVector(@TempDir Path external) throws IOException {
        BenchmarkManifest celeba =
                BenchmarkManifestReader.read(Path.of("benchmarks-data/celeba/benchmark.json"));
        Path test = external.resolve("celeba/test");
        float[] attributes = new float[40];
        attributes[39] = 1;
        write(test, "image", 0, new int[] {64, 64, 3}, new float[64 * 64 * 3]);
        write(test, "attributes", 0, new int[] {40}, attributes);
        Sample s =
                BenchmarkData.open(
                                celeba,
                                "test",
                                new DataLocations(
                                        Path.of("benchmarks-data"), external, external, external))
                        .get(0);
        assertThat(s.targets()).hasSize(40);
        assertThat(s.targets().get(0)).containsExactly(0f);
        assertThat(s.targets().get(39)).containsExactly(1f);
    }
}
