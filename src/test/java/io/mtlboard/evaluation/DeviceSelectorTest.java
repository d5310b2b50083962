package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    @Test
    void shouldPickGpuOnAutoWhenTheEngineReportsOne() {
        assertThat(DeviceSelector.select("auto", 2)).isEqualTo("gpu0");
        assertThat(DeviceSelector.select(null, 1)).isEqualTo("gpu0");
    }

    @Test
    void shouldFallBackToCpuOnAutoWithoutGpu() {
        assertThat(DeviceSelector.select("auto", 0)).isEqualTo("cpu");
    }

    @Test
    void shouldHonourExplicitCpuEvenWithGpus() {
        assertThat(DeviceSelector.select("CPU", 4)).isEqualTo("cpu");
    }

    @Test
    void shouldRefuseGpuWhenNoneIsPresent() {
        assertThatThrownBy(() -> DeviceSelector.select("gpu", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no GPU");
        assertThat(DeviceSelector.select("gpu", 1)).isEqualTo("gpu0");
    }

    @Test
    void shouldRejectUnknownPreference() {
        assertThatThrownBy(() -> DeviceSelector.select("tpu", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
