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

    @Test
    void shouldKeepTheAnswerUntilABundleChanges(@TempDir Path dir) throws IOException {
        copyOfMultiFashion(dir);
        ReferenceProtocols protocols = protocols(dir);
        List<ReferenceProtocols.ProtocolView> first = protocols.of("multifashion");
        assertThat(protocols.of("multifashion")).isSameAs(first);

        // a sweep writes a bundle: read again, and the sweep shows it
        Path sweep = Files.createDirectories(dir.resolve("reference/multifashion/lr-sweep"));
        Path bundle = sweep.resolve("lenet5_ew_param_adam_seed0_lr0.001.json");
        Files.copy(
                Path.of("benchmarks-data/reference/multifashion/lr-sweep")
                        .resolve(bundle.getFileName()),
                bundle);
        List<ReferenceProtocols.ProtocolView> second = protocols.of("multifashion");
        assertThat(second).isNotSameAs(first);
        assertThat(second.get(0).evidence().sweep())
                .singleElement()
                .extracting(SweepRow::method)
                .isEqualTo("ew");
        assertThat(protocols.of("multifashion")).isSameAs(second);

        // rewritten (another size) or removed: read again
        Files.writeString(bundle, "{not json");
        assertThat(protocols.of("multifashion").get(0).evidence().problem()).isNotNull();
        Files.delete(bundle);
        List<ReferenceProtocols.ProtocolView> fourth = protocols.of("multifashion");
        assertThat(fourth.get(0).evidence().problem()).isNull();
        assertThat(fourth.get(0).evidence().isEmpty()).isTrue();
    }

    @Test
    void shouldFingerprintTheFilesTheProtocolsRestOn(@TempDir Path dir) throws IOException {
        copyOfMultiFashion(dir);
        String empty = ReferenceProtocols.fingerprint(dir, "multifashion");
        assertThat(ReferenceProtocols.fingerprint(dir, "multifashion")).isEqualTo(empty);
        Path runs = Files.createDirectories(dir.resolve("reference/multifashion"));
        Files.writeString(runs.resolve("a.json"), "{}");
        String one = ReferenceProtocols.fingerprint(dir, "multifashion");
        assertThat(one).isNotEqualTo(empty).contains("a.json 2 ");
        // files that are not bundles do not count
        Files.writeString(runs.resolve("notes.txt"), "x");
        assertThat(ReferenceProtocols.fingerprint(dir, "multifashion")).isEqualTo(one);
        Files.writeString(dir.resolve("multifashion/reference-protocols.json"), "[]");
        assertThat(ReferenceProtocols.fingerprint(dir, "multifashion")).isNotEqualTo(one);
    }
}
