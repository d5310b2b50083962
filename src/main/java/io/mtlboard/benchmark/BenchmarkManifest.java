package io.mtlboard.benchmark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The JSON manifest {@code benchmarks-data/<id>/benchmark.json} that defines a benchmark; the
 * format is documented in {@code benchmarks-data/README.md}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BenchmarkManifest(String id, String name, String version, String description, String homepage,
        String licence, String citation, Data data, JsonNode input, List<TaskSpec> tasks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(boolean bundled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TaskSpec(String name, String title, String kind, String loss, List<MetricSpec> metrics) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MetricSpec(String name, String title, Boolean higherIsBetter, String unit, Tolerance tolerance) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tolerance(double abs, double rel) {
    }
}
