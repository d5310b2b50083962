package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.benchmark.MethodView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The home page: benchmarks with their tasks and row counts, and the methods. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(List<BenchmarkView> benchmarks, List<MethodView> methods);
    }

    private final BenchmarkService benchmarks;

    public HomePage(BenchmarkService benchmarks) {
        this.benchmarks = benchmarks;
    }

    @GET
    public TemplateInstance home() {
        return Templates.home(benchmarks.benchmarks(), benchmarks.methods());
    }
}
