package io.mtlboard.benchmark;

/**
 * An MTL method as served by {@code /api/methods}: {@code paperUrl} its paper, {@code codeUrl} the
 * authors' official code repository (null when they published none); {@code featureLevelCaveat}
 * why its feature-level rows are not a variant of the method, null when there is no such caveat.
 */
public record MethodView(
        String id,
        String name,
        String category,
        boolean featureLevel,
        String featureLevelName,
        String venue,
        Integer year,
        String paperUrl,
        String codeUrl,
        String summary,
        String featureLevelCaveat) {

    static MethodView from(Method m) {
        return new MethodView(
                m.id,
                m.name,
                m.category,
                m.featureLevel,
                m.featureLevelName,
                m.venue,
                m.year,
                m.paperUrl,
                m.codeUrl,
                m.summary,
                m.featureLevelCaveat);
    }
}
