package io.mtlboard.analysis;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Ref;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Backbone ids with their names, as the analysis views show them (the id where none is known). */
final class BackboneRefs {

    private final Map<String, String> names;

    private BackboneRefs(Map<String, String> names) {
        this.names = names;
    }

    /** The registry's backbones (read once per view). */
    static BackboneRefs load() {
        Map<String, String> names = new HashMap<>();
        Backbone.allById().forEach(b -> names.put(b.id, b.name));
        return new BackboneRefs(names);
    }

    /** The backbone with its name; null for a null id (no backbone chosen). */
    Ref of(String id) {
        return id == null ? null : new Ref(id, names.getOrDefault(id, id));
    }

    /** The distinct backbones of the rows, by id. */
    List<Ref> present(List<AnalysisRow> rows) {
        return rows.stream()
                .map(AnalysisRow::backboneId)
                .distinct()
                .sorted()
                .map(this::of)
                .toList();
    }
}
