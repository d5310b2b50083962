package io.mtlboard.benchmark.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.support.MtlboardConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configured data locations: defaults from application.properties. */
@QuarkusTest
class DataLocationsTest {

    @Inject MtlboardConfig config;

    @Test
    void shouldDefaultToDebiansFashionMnistAndTheDataDirectory() {
        DataLocations loc = DataLocations.of(config);
        assertThat(loc.fashionMnistDir()).isEqualTo(Path.of(FashionMnist.DEBIAN_DIR));
        assertThat(loc.benchmarksDir()).isEqualTo(Path.of("benchmarks-data"));
        assertThat(loc.externalDir()).isEqualTo(Path.of(config.dataDir()).resolve("external"));
        assertThat(loc.cacheDir()).isEqualTo(Path.of(config.dataDir()).resolve("cache"));
    }
}
