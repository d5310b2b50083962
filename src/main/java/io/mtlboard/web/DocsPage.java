package io.mtlboard.web;

import io.mtlboard.support.NotFoundProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methodology pages: the Markdown files of the repository's {@code docs/} directory (packaged
 * in the jar), rendered once each. Numbered sections ("## 2. Δm …") get the anchor {@code s2}, so
 * pages link to a definition as {@code /docs/metrics#s2}.
 */
@Path("/docs")
@Produces(MediaType.TEXT_HTML)
public class DocsPage {

    /** One methodology document: its URL name, file and title. */
    public record Doc(String name, String file, String title, String summary) {}

    static final List<Doc> DOCS =
            List.of(
                    new Doc(
                            "leaderboard",
                            "LEADERBOARD.md",
                            "How the leaderboard compares rows",
                            "settings and protocols, baselines, ranks, seeds, sources, the check of published Δm"),
                    new Doc(
                            "metrics",
                            "METRICS.md",
                            "Metrics, Δm, indicators and analyses",
                            "task metrics and their directions, both Δm conventions, gradient indicators, feature "
                                    + "disentanglement, ranking similarity, task grouping, robustness, verification"),
                    new Doc(
                            "methods",
                            "METHODS.md",
                            "Multi-task optimization methods",
                            "what each method computes at the parameter and the feature level"),
                    new Doc(
                            "design",
                            "DESIGN.md",
                            "Architecture and domain model",
                            "the parts of the portal, its tables, and the path from a submission to a leaderboard row"));

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Doc> docs);

        static native TemplateInstance doc(Doc doc, RawString html, List<Doc> docs);
    }

    private final Map<String, RawString> rendered = new ConcurrentHashMap<>();

    @GET
    public TemplateInstance index() {
        return Templates.index(DOCS);
    }

    @GET
    @Path("{name}")
    public TemplateInstance doc(@PathParam("name") String name) {
        Doc doc =
                DOCS.stream()
                        .filter(d -> d.name().equals(name))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new NotFoundProblem(
                                                "No methodology page '"
                                                        + name
                                                        + "'; pages: "
                                                        + DOCS.stream().map(Doc::name).toList()));
        return Templates.doc(
                doc,
                rendered.computeIfAbsent(doc.file(), f -> new RawString(Markdown.html(read(f)))),
                DOCS);
    }

    private static String read(String file) {
        try (InputStream in =
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream("docs/" + file)) {
            if (in == null) {
                throw new IllegalStateException("docs/" + file + " is not packaged");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read docs/" + file, e);
        }
    }
}
