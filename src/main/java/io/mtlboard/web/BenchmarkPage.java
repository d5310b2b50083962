package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A benchmark's page: tasks, metrics with direction, baselines, licence, sources. */
@Path("/benchmarks")
@Produces(MediaType.TEXT_HTML)
public class BenchmarkPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance benchmark(BenchmarkView benchmark);
    }

    private final BenchmarkService benchmarks;

    public BenchmarkPage(BenchmarkService benchmarks) {
        this.benchmarks = benchmarks;
    }

    @GET
    @Path("{id}")
    public TemplateInstance benchmark(@PathParam("id") String id) {
        return Templates.benchmark(benchmarks.benchmark(id));
    }
}
