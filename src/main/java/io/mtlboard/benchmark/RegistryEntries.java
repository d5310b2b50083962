package io.mtlboard.benchmark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The entries of {@code backbones.json} and {@code methods.json}. */
final class RegistryEntries {

    private RegistryEntries() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BackboneEntry(
            String id,
            String name,
            String family,
            Long parameters,
            boolean lightweight,
            String description) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MethodEntry(
            String id,
            String name,
            String category,
            boolean featureLevel,
            String featureLevelName,
            String venue,
            Integer year,
            String paperUrl,
            String summary) {}
}
