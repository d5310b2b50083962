package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.benchmark.MethodView;
import io.mtlboard.leaderboard.BoardSummary;
import io.mtlboard.run.RunService;
import io.mtlboard.run.RunView;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The home page: at a glance, per benchmark the best row of each setting with its Δm and the rows
 * by source, and the latest verified submissions; then the benchmarks with their tasks and row
 * counts (those with results first), and the methods.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(
                List<BenchmarkView> benchmarks,
                List<MethodView> methods,
                Map<String, BoardSummary.Summary> summaries,
                List<RunView> recent);
    }

    /** Latest verified submissions listed on the home page. */
    static final int RECENT = 8;

    private final BenchmarkService benchmarks;
    private final PageCache cache;
    private final BoardSummary summary;
    private final RunService runs;

    public HomePage(
            BenchmarkService benchmarks, PageCache cache, BoardSummary summary, RunService runs) {
        this.benchmarks = benchmarks;
        this.cache = cache;
        this.summary = summary;
        this.runs = runs;
    }

    @GET
    public Response home(@Context UriInfo uri, @Context Request request) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    List<BenchmarkView> all = withResultsFirst(benchmarks.benchmarks());
                    Map<String, BoardSummary.Summary> summaries = new LinkedHashMap<>();
                    all.stream()
                            .filter(b -> b.rows() > 0)
                            .forEach(b -> summaries.put(b.id(), summary.of(b.id())));
                    return Templates.home(
                                    all,
                                    benchmarks.methods(),
                                    summaries,
                                    runs.recentVerified(RECENT))
                            .render();
                });
    }

    /** The benchmarks with rows, then those without, each in their given order. */
    static List<BenchmarkView> withResultsFirst(List<BenchmarkView> benchmarks) {
        return Stream.concat(
                        benchmarks.stream().filter(b -> b.rows() > 0),
                        benchmarks.stream().filter(b -> b.rows() == 0))
                .toList();
    }
}
