package io.mtlboard.benchmark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

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

    /**
     * A method: {@code paperUrl} its paper, {@code codeUrl} the authors' official code repository
     * (absent when they published none: never a guess or a third-party port).
     */
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
            String codeUrl,
            String summary,
            String featureLevelCaveat) {}

    /** The keys a {@code methods.json} entry may have: a misspelt one would be dropped silently. */
    static final Set<String> METHOD_KEYS =
            Set.of(
                    "id",
                    "name",
                    "category",
                    "featureLevel",
                    "featureLevelName",
                    "venue",
                    "year",
                    "paperUrl",
                    "codeUrl",
                    "summary",
                    "featureLevelCaveat");

    /**
     * Every problem of a {@code methods.json} document, empty when it is valid: an array of objects
     * with a unique non-blank id and a name, only the known keys, and links (paper, code) that are
     * absolute https addresses or absent.
     */
    static List<String> methodProblems(JsonNode methods) {
        List<String> problems = new ArrayList<>();
        if (methods == null || !methods.isArray()) {
            problems.add("must be an array of methods");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            JsonNode m = methods.get(i);
            String at = "method " + i;
            if (!m.isObject()) {
                problems.add(at + ": must be an object");
                continue;
            }
            String id = m.path("id").asText("");
            if (id.isBlank()) {
                problems.add(at + ": id is missing");
            } else {
                at = "method '" + id + "'";
                if (!ids.add(id)) {
                    problems.add(at + ": id is listed twice");
                }
            }
            if (m.path("name").asText("").isBlank()) {
                problems.add(at + ": name is missing");
            }
            for (Iterator<String> keys = m.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!METHOD_KEYS.contains(key)) {
                    problems.add(at + ": unknown key '" + key + "'");
                }
            }
            for (String key : List.of("paperUrl", "codeUrl")) {
                JsonNode url = m.get(key);
                if (url != null && !url.isNull() && !isHttpsUrl(url)) {
                    problems.add(at + ": " + key + " must be an absolute https address or null");
                }
            }
        }
        return problems;
    }

    private static boolean isHttpsUrl(JsonNode value) {
        if (!value.isTextual()) {
            return false;
        }
        try {
            URI uri = new URI(value.asText());
            return "https".equals(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
