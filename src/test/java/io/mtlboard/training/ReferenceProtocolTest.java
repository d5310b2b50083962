package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped reference protocols parse, and their hash identifies their content. */
class ReferenceProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReadTheShippedMultiFashionProtocol() throws IOException {
        ReferenceProtocol p =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
        assertThat(p.backbone()).isEqualTo("lenet5");
        assertThat(p.trainSamples() + p.validationSamples()).isEqualTo(60_000);
        assertThat(p.bestValidationCheckpoint()).isTrue();
        assertThat(p.sweepGrid()).containsKeys("adam", "sgd");
        assertThat(p.sweepMethods().get("adam")).contains("ew", "stl", "db-mtl", "moco");
        assertThat(p.hash()).hasSize(64);
        TrainingSettings s = p.settings(3e-4);
        assertThat(s.lr()).isEqualTo(3e-4);
        assertThat(s.featureGradients()).isEqualTo(FeatureGradients.FLAT);
        assertThat(p.summary()).containsKeys("id", "label", "hash", "definition");
        // no lrSchedule in the document: a constant rate, and the hash the bundles carry
        assertThat(s.lrSchedule()).isEqualTo(LrSchedule.CONSTANT);
        assertThat(p.hash()).startsWith("01280ad6d560");
    }

    /**
     * A documented protocol that already has bundles must not change: its bundles carry its hash,
     * and a bundle whose hash no longer matches drops out of the sweep's choice, the evidence and
     * the resumed sweep (which would train it again). Every bundle, lr-sweep run and step-cost
     * table that names a documented protocol carries that protocol's current hash.
     */
    @Test
    void shouldStillMatchEveryBundleTrainedUnderAShippedProtocol() throws IOException {
        int checked = 0;
        for (String benchmark : java.util.List.of("multifashion", "fashionscenes")) {
            java.util.Map<String, String> hashes = new java.util.HashMap<>();
            for (var p :
                    JSON.readTree(
                            Path.of("benchmarks-data", benchmark, "reference-protocols.json")
                                    .toFile())) {
                String id = p.path("id").asText();
                hashes.put(
                        id,
                        ReferenceProtocol.read(Path.of("benchmarks-data"), benchmark, id).hash());
            }
            try (var files = Files.walk(Path.of("benchmarks-data/reference", benchmark))) {
                for (Path f :
                        files.filter(x -> x.toString().endsWith(".json"))
                                .filter(x -> !x.toString().contains(".checkpoints"))
                                .toList()) {
                    var protocol = JSON.readTree(f.toFile()).path("protocol");
                    String id = protocol.path("id").asText();
                    if (hashes.containsKey(id)) {
                        assertThat(protocol.path("hash").asText())
                                .as("%s: trained under %s as it was then", f, id)
                                .isEqualTo(hashes.get(id));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void shouldReadTheShippedFashionScenesProtocol() throws IOException {
        ReferenceProtocol p =
                ReferenceProtocol.read(
                        Path.of("benchmarks-data"), "fashionscenes", "fs-encoder-decoder-v2");
        assertThat(p.backbone()).isEqualTo("encoder-decoder");
        // 4,000 + 1,000 scenes of the 20,000-scene training split
        assertThat(p.trainSamples()).isEqualTo(4000);
        assertThat(p.validationSamples()).isEqualTo(1000);
        assertThat(p.bestValidationCheckpoint()).isTrue();
        TrainingSettings s = p.settings(1e-3);
        assertThat(s.lrSchedule()).isEqualTo(LrSchedule.COSINE);
        // the description's "10,000 steps": 4,000 / 16 = 250 steps per epoch, 40 epochs
        assertThat(s.epochs() * s.stepsPerEpoch()).isEqualTo(10_000);
        assertThat(p.sweepMethods().get("adam")).containsExactly("stl", "ew", "db-mtl");
        assertThat(p.sweepGrid().get("adam")).containsExactly(3e-4, 1e-3, 3e-3);
        assertThat(p.hash()).startsWith("a107e623a916");
    }

    @Test
    void shouldTakeTheLrScheduleOfTheProtocolAndRefuseAnUnknownOne(@TempDir Path dir)
            throws IOException {
        ObjectNode p =
                (ObjectNode)
                        JSON.readTree(
                                        Path.of(
                                                        "benchmarks-data/multifashion/"
                                                                + ReferenceProtocol.FILE)
                                                .toFile())
                                .get(0);
        p.put("id", "mf-cosine");
        p.put("lrSchedule", "cosine");
        Files.createDirectories(dir.resolve("multifashion"));
        Files.writeString(
                dir.resolve("multifashion").resolve(ReferenceProtocol.FILE),
                JSON.writeValueAsString(JSON.createArrayNode().add(p)));
        ReferenceProtocol cosine = ReferenceProtocol.read(dir, "multifashion", "mf-cosine");
        assertThat(cosine.settings(1e-3).lrSchedule()).isEqualTo(LrSchedule.COSINE);
        p.put("lrSchedule", "step");
        Files.writeString(
                dir.resolve("multifashion").resolve(ReferenceProtocol.FILE),
                JSON.writeValueAsString(JSON.createArrayNode().add(p)));
        assertThatThrownBy(() -> ReferenceProtocol.read(dir, "multifashion", "mf-cosine"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr schedule");
    }

    @Test
    void shouldChangeTheHashWhenASettingChangesButNotWhenKeysAreReordered() throws IOException {
        ObjectNode a = (ObjectNode) JSON.readTree("{\"id\":\"x\",\"epochs\":16,\"batchSize\":256}");
        ObjectNode b = (ObjectNode) JSON.readTree("{\"batchSize\":256,\"epochs\":16,\"id\":\"x\"}");
        ObjectNode c = (ObjectNode) JSON.readTree("{\"id\":\"x\",\"epochs\":17,\"batchSize\":256}");
        assertThat(ReferenceProtocol.hash("multifashion", a))
                .isEqualTo(ReferenceProtocol.hash("multifashion", b));
        assertThat(ReferenceProtocol.hash("multifashion", a))
                .isNotEqualTo(ReferenceProtocol.hash("multifashion", c));
        assertThat(ReferenceProtocol.hash("multifashion", a))
                .isNotEqualTo(ReferenceProtocol.hash("nyuv2", a));
    }

    @Test
    void shouldRejectAnUnknownProtocolId() {
        assertThatThrownBy(
                        () ->
                                ReferenceProtocol.read(
                                        Path.of("benchmarks-data"), "multifashion", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mf-lenet5-v2");
    }
}
