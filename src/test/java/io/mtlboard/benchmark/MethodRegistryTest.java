package io.mtlboard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code methods.json}: the registry the start refuses when it is invalid, and its code links. */
class MethodRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode registry() throws Exception {
        return JSON.readTree(Path.of("benchmarks-data/methods.json").toFile());
    }

    private static JsonNode parse(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void shouldAcceptTheBundledRegistryWithTheAuthorsRepositories() throws Exception {
        JsonNode methods = registry();
        assertThat(RegistryEntries.methodProblems(methods)).isEmpty();
        java.util.Map<String, String> code = new java.util.HashMap<>();
        methods.forEach(m -> code.put(m.get("id").asText(), m.path("codeUrl").asText(null)));
        assertThat(code)
                .containsEntry("cagrad", "https://github.com/Cranial-XIX/CAGrad")
                .containsEntry("nash-mtl", "https://github.com/AvivNavon/nash-mtl")
                .containsEntry("aligned-mtl", "https://github.com/SamsungLabs/MTL")
                .containsEntry("pcgrad", "https://github.com/tianheyu927/PCGrad")
                .containsEntry("mgda", "https://github.com/isl-org/MultiObjectiveOptimization")
                .containsEntry("famo", "https://github.com/Cranial-XIX/FAMO")
                .containsEntry("moco", "https://github.com/heshandevaka/MoCo");
        // methods whose authors published no code have none rather than a guess
        assertThat(code.get("ew")).isNull();
        assertThat(code.get("gradnorm")).isNull();
    }

    @Test
    void shouldListEveryProblemOfAnInvalidRegistry() throws Exception {
        JsonNode bad =
                parse(
                        "[{\"id\": \"a\", \"name\": \"A\", \"codeUrl\": \"github.com/x/y\"},"
                                + " {\"id\": \"a\", \"name\": \"A2\", \"paperUrl\": \"http://x.org/p\"},"
                                + " {\"id\": \"b\", \"name\": \"\", \"codeURL\": \"https://github.com/x/y\"},"
                                + " {\"name\": \"no id\", \"codeUrl\": \"javascript:alert(1)\"}]");
        assertThat(RegistryEntries.methodProblems(bad))
                .containsExactlyInAnyOrder(
                        "method 'a': codeUrl must be an absolute https address or null",
                        "method 'a': id is listed twice",
                        "method 'a': paperUrl must be an absolute https address or null",
                        "method 'b': name is missing",
                        "method 'b': unknown key 'codeURL'",
                        "method 3: id is missing",
                        "method 3: codeUrl must be an absolute https address or null");
        assertThat(RegistryEntries.methodProblems(parse("{\"id\": \"a\"}")))
                .containsExactly("must be an array of methods");
        assertThat(
                        RegistryEntries.methodProblems(
                                parse(
                                        "[{\"id\": \"a\", \"name\": \"A\", \"paperUrl\": null,"
                                                + " \"codeUrl\": \"https://github.com/x/y\"}]")))
                .isEmpty();
    }
}
