package io.mtlboard.benchmark.sample;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The sample pictures of the bundled benchmarks and their galleries, checked against the raw files:
 * the MultiFashion IDX files as shipped and the FashionScenes arrays as cached, read here byte by
 * byte rather than through the portal's readers.
 */
@QuarkusTest
class SampleResourceTest {

    private static final Path MULTIFASHION = Path.of("benchmarks-data/multifashion");
    private static final List<String> FASHION_MNIST =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    /** The payload of a gzip-compressed IDX file of unsigned bytes, after its header. */
    private static byte[] idxBytes(Path file, int[] shape) throws IOException {
        try (DataInputStream in =
                new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            int magic = in.readInt();
            assertThat(magic >> 8).as("unsigned-byte IDX").isEqualTo(0x08);
            int dims = magic & 0xFF;
            assertThat(dims).isEqualTo(shape.length);
            for (int d = 0; d < dims; d++) {
                shape[d] = in.readInt();
            }
            return in.readAllBytes();
        }
    }

    /** The bytes of an unsigned-byte NPY array after its header. */
    private static byte[] npyBytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] all = in.readAllBytes();
            assertThat(new String(all, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
            int headerLength = (all[8] & 0xFF) | (all[9] & 0xFF) << 8;
            assertThat(new String(all, 10, headerLength, StandardCharsets.US_ASCII))
                    .contains("'|u1'");
            byte[] data = new byte[all.length - 10 - headerLength];
            System.arraycopy(all, 10 + headerLength, data, 0, data.length);
            return data;
        }
    }

    private static BufferedImage png(Response r) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(r.asByteArray()));
    }

    private static Response picture(String path) {
        return given().when().get(path).then().statusCode(200).extract().response();
    }

    @Test
    void shouldServeAMultiFashionInputAsTheShippedPixelsEnlargedFourTimes() throws IOException {
        int[] shape = new int[3];
        byte[] images = idxBytes(MULTIFASHION.resolve("test-images-0-idx3-ubyte.gz"), shape);
        assertThat(shape).containsExactly(5000, 28, 28);
        int index = 5;
        Response r = picture("/api/benchmarks/multifashion/samples/" + index + ".png");
        assertThat(r.contentType()).isEqualTo("image/png");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=86400");
        assertThat(r.header("ETag")).matches("\"[0-9a-f]{16}-r1\"");
        BufferedImage image = png(r);
        assertThat(image.getWidth()).isEqualTo(112);
        assertThat(image.getHeight()).isEqualTo(112);
        int mismatches = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int grey = images[index * 784 + y * 28 + x] & 0xFF;
                int expected = grey << 16 | grey << 8 | grey;
                for (int[] corner : new int[][] {{0, 0}, {3, 3}}) {
                    int got = image.getRGB(4 * x + corner[0], 4 * y + corner[1]) & 0xFFFFFF;
                    mismatches += got == expected ? 0 : 1;
                }
            }
        }
        assertThat(mismatches).isZero();
    }

    @Test
    void shouldCaptionTheMultiFashionGalleryWithTheShippedLabelsByName() throws IOException {
        int[] shape = new int[2];
        byte[] labels = idxBytes(MULTIFASHION.resolve("test-labels-idx2-ubyte.gz"), shape);
        assertThat(shape).containsExactly(10000, 2);
        String html =
                given().when()
                        .get("/benchmarks/multifashion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        Map<Integer, List<String>> shown = new LinkedHashMap<>();
        Matcher sample =
                Pattern.compile(
                                "<div class=\"sample\" id=\"sample-(\\d+)\">(.*?)</div>",
                                Pattern.DOTALL)
                        .matcher(html);
        Pattern label =
                Pattern.compile(
                        "<span class=\"label\" data-task=\"(\\w+)\" data-class=\"(\\d+)\">"
                                + "<span class=\"muted\">\\w+</span> <span class=\"name\">([^<]+)</span></span>");
        while (sample.find()) {
            List<String> found = new ArrayList<>();
            Matcher l = label.matcher(sample.group(2));
            while (l.find()) {
                found.add(l.group(1) + "=" + l.group(3));
            }
            shown.put(Integer.parseInt(sample.group(1)), found);
            assertThat(sample.group(2))
                    .contains(
                            "src=\"/api/benchmarks/multifashion/samples/"
                                    + sample.group(1)
                                    + ".png\"")
                    .contains("loading=\"lazy\"")
                    .contains("alt=\"MultiFashion test sample " + sample.group(1));
        }
        assertThat(shown.keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        for (int i = 0; i < 8; i++) {
            assertThat(shown.get(i))
                    .as("labels of sample %d", i)
                    .containsExactly(
                            "left=" + FASHION_MNIST.get(labels[2 * i]),
                            "right=" + FASHION_MNIST.get(labels[2 * i + 1]));
        }
        // the shipped file starts with an ankle boot over a dress
        assertThat(shown.get(0)).containsExactly("left=Ankle boot", "right=Dress");
    }

    @Test
    void shouldServeFashionScenesGroundTruthsAtTwiceTheirSize() throws IOException {
        for (String target : List.of("input", "segmentation", "depth", "normal", "normals")) {
            Response r = picture("/api/benchmarks/fashionscenes/samples/7.png?target=" + target);
            assertThat(r.contentType()).as(target).isEqualTo("image/png");
            BufferedImage image = png(r);
            assertThat(image.getWidth()).as(target).isEqualTo(128);
            assertThat(image.getHeight()).as(target).isEqualTo(128);
        }
    }

    @Test
    void shouldColourTheSegmentationAndCaptionTheClassesOfTheCachedScene() throws IOException {
        int index = 1;
        BufferedImage image =
                png(
                        picture(
                                "/api/benchmarks/fashionscenes/samples/"
                                        + index
                                        + ".png?target=segmentation"));
        String html =
                given().when()
                        .get("/benchmarks/fashionscenes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        String dataDir = ConfigProvider.getConfig().getValue("mtlboard.data-dir", String.class);
        byte[] labels =
                npyBytes(
                        Path.of(
                                dataDir,
                                "cache",
                                "fashionscenes",
                                "test-seed11",
                                "segmentation.npy"));
        assertThat(labels).hasSize(1000 * 64 * 64);
        TreeSet<String> present = new TreeSet<>();
        int mismatches = 0;
        for (int p = 0; p < 64 * 64; p++) {
            int c = labels[index * 4096 + p];
            present.add(c == 0 ? "background" : FASHION_MNIST.get(c - 1));
            int got = image.getRGB(2 * (p % 64) + 1, 2 * (p / 64) + 1) & 0xFFFFFF;
            mismatches += got == Palette.segmentation(c) ? 0 : 1;
        }
        assertThat(mismatches).isZero();
        Matcher caption =
                Pattern.compile(
                                "id=\"sample-"
                                        + index
                                        + "\">.*?<figcaption>segmentation: ([^<]+?)\\s*</figcaption>",
                                Pattern.DOTALL)
                        .matcher(html);
        assertThat(caption.find()).isTrue();
        assertThat(new TreeSet<>(List.of(caption.group(1).split(", ")))).isEqualTo(present);
        assertThat(html)
                .contains("id=\"sample-0\"", "id=\"sample-2\"")
                .doesNotContain("id=\"sample-3\"")
                .contains("/api/benchmarks/fashionscenes/samples/2.png?target=depth")
                .contains("data:image/svg+xml,")
                .contains("Ankle boot");
    }

    @Test
    void shouldAnswerAnUnchangedPictureWithNotModified() {
        String etag = picture("/api/benchmarks/multifashion/samples/0.png").header("ETag");
        given().header("If-None-Match", etag)
                .when()
                .get("/api/benchmarks/multifashion/samples/0.png")
                .then()
                .statusCode(304)
                .header("ETag", etag);
    }

    @Test
    void shouldRefuseAnIndexOutsideTheSplitAndAnUnknownTargetAtOnce() {
        given().when()
                .get("/api/benchmarks/multifashion/samples/10000.png?target=depth")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItems("index", "target"))
                .body("violations.message", hasItem(containsString("from 0 to 9999")))
                .body("violations.message", hasItem(containsString("one of [input]")));
        given().when()
                .get("/api/benchmarks/fashionscenes/samples/x1.png")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("index"))
                .body("violations[0].message", containsString("from 0 to 999"));
        given().when()
                .get("/api/benchmarks/fashionscenes/samples/0.png?target=colour")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("target"))
                .body(
                        "violations[0].message",
                        containsString("input, segmentation, depth, normal"));
    }

    @Test
    void shouldAnswerAnUnknownBenchmarkWithNotFound() {
        given().when()
                .get("/api/benchmarks/imagenet/samples/0.png")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No benchmark 'imagenet'"))
                .body("detail", containsString("multifashion"));
    }

    @Test
    void shouldSayThatTheDataOfAnExternalBenchmarkAreNotBundled() {
        given().when()
                .get("/api/benchmarks/nyuv2/samples/0.png?target=depth")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo(
                                "The data of NYUv2 are not bundled with MTLBoard, so no sample pictures are shown."));
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "<p class=\"muted\" id=\"no-samples\">The data of NYUv2 are not bundled"))
                .body(not(containsString("id=\"sample-gallery\"")));
    }

    @Test
    void shouldDocumentTheEndpointInTheOpenApiDocument() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/api/benchmarks/{id}/samples/{index}.png'.get.responses.'200'.content.'image/png'",
                        not(equalTo(null)))
                .body(
                        "paths.'/api/benchmarks/{id}/samples/{index}.png'.get.responses.'400'.content.'application/problem+json'",
                        not(equalTo(null)))
                .body(
                        "paths.'/api/benchmarks/{id}/samples/{index}.png'.get.parameters.name",
                        hasItems("id", "index", "target"));
    }
}
