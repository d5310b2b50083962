package io.mtlboard.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Versions of a reference protocol: a later one with enough rows is shown before an earlier one. */
class ProtocolVersionsTest {

    @Test
    void shouldSupersedeAnEarlierVersionOnlyByALaterOneOfTheSameBackboneWithFiveRows() {
        Map<String, Integer> rows =
                Map.of(
                        "encoder-decoder@fs-encoder-decoder-v1", 9,
                        "encoder-decoder@fs-encoder-decoder-v2", 5,
                        "resnet-narrow@mf-resnet-narrow-v1", 9,
                        "resnet-narrow@mf-resnet-narrow-v2", 4,
                        "lenet5@mf-lenet5-v1", 30,
                        "mobilenet-like@mf-lenet5-v2", 20,
                        "segnet@elich2024-nyuv2-segnet", 3);
        assertThat(Protocols.superseded("encoder-decoder@fs-encoder-decoder-v1", rows)).isTrue();
        assertThat(Protocols.superseded("encoder-decoder@fs-encoder-decoder-v2", rows)).isFalse();
        // four rows of the later version do not yet carry a ranking
        assertThat(Protocols.superseded("resnet-narrow@mf-resnet-narrow-v1", rows)).isFalse();
        // the later version on another backbone says nothing about this one
        assertThat(Protocols.superseded("lenet5@mf-lenet5-v1", rows)).isFalse();
        // a publication's protocol has no versions
        assertThat(Protocols.superseded("segnet@elich2024-nyuv2-segnet", rows)).isFalse();
        assertThat(Protocols.superseded("mtlboard-without-at", rows)).isFalse();
    }

    @Test
    void shouldReadVersionAndLineage() {
        assertThat(Protocols.version("fs-encoder-decoder-v12")).isEqualTo(12);
        assertThat(Protocols.lineage("fs-encoder-decoder-v12")).isEqualTo("fs-encoder-decoder");
        assertThat(Protocols.version("recon-2023")).isZero();
    }
}
