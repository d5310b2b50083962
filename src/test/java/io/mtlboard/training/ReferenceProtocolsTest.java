package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.support.MtlboardConfig;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocols of the benchmark page, and their evidence when a bundle cannot be read. */
class ReferenceProtocolsTest {

    private static ReferenceProtocols protocols(Path benchmarksDir) {
        MtlboardConfig config =
                (MtlboardConfig)
                        Proxy.newProxyInstance(
                                ReferenceProtocolsTest.class.getClassLoader(),
                                new Class<?>[] {MtlboardConfig.class},
                                (proxy, method, args) -> {
                                    if (method.getName().equals("benchmarksDir")) {
                                        return benchmarksDir.toString();
                                    }
                                    throw new UnsupportedOperationException(method.getName());
                                });
        return new ReferenceProtocols(config);
    }

    private static Path copyOfMultiFashion(Path dir) throws IOException {
        Path mf = Files.createDirectories(dir.resolve("multifashion"));
        for (String f : List.of("benchmark.json", "reference-protocols.json")) {
            Files.copy(Path.of("benchmarks-data/multifashion", f), mf.resolve(f));
        }
        return dir;
    }

    @Test
    void shouldShowTheProtocolWithANoteWhenABundleCannotBeRead(@TempDir Path dir)
            throws IOException {
        copyOfMultiFashion(dir);
        Path sweep = Files.createDirectories(dir.resolve("reference/multifashion/lr-sweep"));
        Files.writeString(sweep.resolve("broken.json"), "{not json");

        List<ReferenceProtocols.ProtocolView> views = protocols(dir).of("multifashion");

        assertThat(views).extracting(ReferenceProtocols.ProtocolView::id).contains("mf-lenet5-v2");
        ProtocolEvidence evidence = views.get(0).evidence();
        assertThat(evidence.problem()).startsWith("The bundles of this protocol could not be read");
        assertThat(evidence.isEmpty()).isTrue();
    }

    @Test
    void shouldHaveEmptyEvidenceWithoutBundles(@TempDir Path dir) throws IOException {
        copyOfMultiFashion(dir);
        ProtocolEvidence evidence = protocols(dir).of("multifashion").get(0).evidence();
        assertThat(evidence.problem()).isNull();
        assertThat(evidence.isEmpty()).isTrue();
        assertThat(protocols(dir).of("nyuv2")).isEmpty();
    }
}
