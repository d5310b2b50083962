package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.benchmark.MethodView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Stream;

/**
 * The home page: benchmarks with their tasks and row counts (those with results first), and the
 * methods.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(
                List<BenchmarkView> benchmarks, List<MethodView> methods);
    }

    private final BenchmarkService benchmarks;
    private final PageCache cache;

    public HomePage(BenchmarkService benchmarks, PageCache cache) {
        this.benchmarks = benchmarks;
        this.cache = cache;
    }

    @GET
    public Response home(@Context UriInfo uri, @Context Request request) {
        return cache.sitePage(
                uri,
                request,
                () ->
                        Templates.home(
                                        withResultsFirst(benchmarks.benchmarks()),
                                        benchmarks.methods())
                                .render());
    }

    /** The benchmarks with rows, then those without, each in their given order. */
    static List<BenchmarkView> withResultsFirst(List<BenchmarkView> benchmarks) {
        return Stream.concat(
                        benchmarks.stream().filter(b -> b.rows() > 0),
                        benchmarks.stream().filter(b -> b.rows() == 0))
                .toList();
    }
}
