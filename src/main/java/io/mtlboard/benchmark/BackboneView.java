package io.mtlboard.benchmark;

/** A backbone as served by {@code /api/backbones}. */
public record BackboneView(
        String id,
        String name,
        String family,
        Long parameters,
        boolean lightweight,
        String description) {

    static BackboneView from(Backbone b) {
        return new BackboneView(b.id, b.name, b.family, b.parameters, b.lightweight, b.description);
    }
}
