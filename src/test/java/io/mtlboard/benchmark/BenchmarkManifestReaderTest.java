package io.mtlboard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BenchmarkManifestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = Path.of("benchmarks-data");

    static Stream<Path> shippedManifests() throws IOException {
        try (Stream<Path> dirs = Files.list(DATA)) {
            return dirs
                    .map(d -> d.resolve("benchmark.json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static ObjectNode nyuv2() throws IOException {
        return (ObjectNode) JSON.readTree(DATA.resolve("nyuv2/benchmark.json").toFile());
    }

    private static List<String> problems(ObjectNode manifest) {
        try {
            BenchmarkManifestReader.parse(JSON.writeValueAsBytes(manifest), "test");
            return List.of();
        } catch (InvalidManifestException e) {
            return e.problems();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("shippedManifests")
    void shouldAcceptEveryShippedManifest(Path file) throws IOException {
        BenchmarkManifest m = BenchmarkManifestReader.read(file);
        assertThat(m.id()).isEqualTo(file.getParent().getFileName().toString());
    }

    @Test
    void shouldKeepTheTaskAndMetricNamesTheLiteratureUses() throws IOException {
        BenchmarkManifest m = BenchmarkManifestReader.read(DATA.resolve("nyuv2/benchmark.json"));
        assertThat(m.tasks())
                .extracting(BenchmarkManifest.TaskSpec::name)
                .containsExactly("segmentation", "depth", "normal");
        assertThat(m.task("normal").orElseThrow().metrics())
                .extracting(BenchmarkManifest.MetricSpec::name)
                .containsExactly("mean", "median", "within11", "within22", "within30");
        assertThat(m.split("test").orElseThrow().directory()).isEqualTo("val");
    }

    @Test
    void shouldListEverySchemaViolationAtOnce() throws IOException {
        ObjectNode m = nyuv2();
        m.put("id", "NYU v2");
        m.remove("licence");
        m.put("surprise", 1);
        ((ObjectNode) m.get("tasks").get(0).get("metrics").get(0)).remove("higherIsBetter");
        List<String> problems = problems(m);
        assertThat(problems).hasSizeGreaterThanOrEqualTo(4);
        assertThat(String.join("\n", problems))
                .contains(
                        "/id: ",
                        "/: required property 'licence'",
                        "surprise",
                        "/tasks/0/metrics/0: required property 'higherIsBetter'");
    }

    @Test
    void shouldRequireClassesForClassificationAndSegmentation() throws IOException {
        ObjectNode m = nyuv2();
        ((ObjectNode) m.get("tasks").get(0)).remove("classes");
        assertThat(String.join("\n", problems(m))).contains("classes");
    }

    @Test
    void shouldRejectDuplicateNamesAndWrongOutputShapes() throws IOException {
        ObjectNode m = nyuv2();
        ((ObjectNode) m.get("tasks").get(1)).put("name", "segmentation");
        ((ArrayNode) m.get("tasks").get(2).get("output").get("shape")).set(0, 1);
        ObjectNode metric = (ObjectNode) m.get("tasks").get(2).get("metrics").get(1);
        metric.put("name", "mean");
        assertThat(problems(m))
                .containsExactlyInAnyOrder(
                        "task 'segmentation' is declared twice",
                        "metric 'normal.mean' is declared twice",
                        "task 'normal' (normals) must output [3, 288, 384] per sample, not [1, 288, 384]");
    }

    @Test
    void shouldRequireATestSplitAndTargets() throws IOException {
        ObjectNode m = nyuv2();
        ((ObjectNode) m.get("data").get("splits").get(1)).put("role", "validation");
        ((ObjectNode) m.get("tasks").get(1)).remove("target");
        assertThat(problems(m))
                .containsExactlyInAnyOrder(
                        "a split with role 'test' is required",
                        "task 'depth' needs a target: where its ground truth comes from");
    }

    @Test
    void shouldRejectPathsThatLeaveTheBenchmarkDirectory() throws IOException {
        ObjectNode m = nyuv2();
        ((ObjectNode) m.get("data").get("splits").get(1)).put("directory", "../../etc");
        assertThat(String.join("\n", problems(m))).contains("directory");
    }

    @Test
    void shouldRejectAnIgnoreLabelThatIsAClass() throws IOException {
        ObjectNode m = nyuv2();
        ((ObjectNode) m.get("tasks").get(0)).put("ignoreLabel", 3);
        assertThat(problems(m))
                .containsExactly("task 'segmentation': ignoreLabel 3 is one of its classes");
    }

    @Test
    void shouldRequireOneClassNamePerClass() throws IOException {
        ObjectNode m = nyuv2();
        ArrayNode names = ((ObjectNode) m.get("tasks").get(0)).putArray("classNames");
        names.add("wall").add("floor");
        assertThat(problems(m)).containsExactly("task 'segmentation' names 2 classes but has 13");
        ObjectNode depth = (ObjectNode) m.get("tasks").get(1);
        depth.putArray("classNames").add("near").add("far");
        assertThat(problems(m)).contains("task 'depth' names 2 classes but has null");
    }

    @Test
    void shouldNameClassesByTheManifestOrByIndex() throws IOException {
        BenchmarkManifest m =
                BenchmarkManifestReader.read(DATA.resolve("fashionscenes/benchmark.json"));
        BenchmarkManifest.TaskSpec segmentation = m.task("segmentation").orElseThrow();
        assertThat(segmentation.className(0)).isEqualTo("background");
        assertThat(segmentation.className(10)).isEqualTo("Ankle boot");
        assertThat(segmentation.className(11)).isEqualTo("class 11");
        assertThat(m.testSplit().orElseThrow().name()).isEqualTo("test");
    }

    @Test
    void shouldRefuseInputThatIsNotJson() {
        assertThatThrownBy(() -> BenchmarkManifestReader.parse("{".getBytes(), "broken"))
                .isInstanceOf(IOException.class);
    }
}
