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

/** The home page: benchmarks with their tasks and row counts, and the methods. */
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
                () -> Templates.home(benchmarks.benchmarks(), benchmarks.methods()).render());
    }
}
