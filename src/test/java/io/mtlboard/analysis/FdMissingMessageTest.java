package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Why rows of a setting have no test-split FD, in words. */
class FdMissingMessageTest {

    @Test
    void shouldSayNothingWhenEveryRowHasTestSplitFd() {
        assertThat(FeatureDisentanglementService.missingMessage(12, 0, 0)).isNull();
    }

    @Test
    void shouldTellLegacyReferenceBundlesFromArtifactsTheWorkerCouldNotMeasure() {
        assertThat(FeatureDisentanglementService.missingMessage(0, 27, 0))
                .startsWith(
                        "No data yet: no row of this setting has test-split FD: 27 reference row(s)")
                .contains("trained before the reference CLI measured")
                .doesNotContain("TorchScript");
        assertThat(FeatureDisentanglementService.missingMessage(10, 2, 1))
                .startsWith(
                        "No test-split FD for 3 of the 13 rows of this setting: 2 reference row(s)")
                .contains("; 1 row(s) whose artifacts the worker could not measure")
                .contains("encode(x) -> z");
    }
}
