package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.MethodView;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.RunService;
import io.mtlboard.run.RunView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** A method's page: the method across every benchmark and backbone. */
@Path("/methods")
@Produces(MediaType.TEXT_HTML)
public class MethodPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance method(
                MethodView method, List<LeaderboardView> boards, List<RunView> discrepant);
    }

    private final BenchmarkService benchmarks;
    private final LeaderboardService leaderboards;
    private final RunService runs;
    private final PageCache cache;

    public MethodPage(
            BenchmarkService benchmarks,
            LeaderboardService leaderboards,
            RunService runs,
            PageCache cache) {
        this.benchmarks = benchmarks;
        this.leaderboards = leaderboards;
        this.runs = runs;
        this.cache = cache;
    }

    @GET
    @Path("{id}")
    public Response method(
            @PathParam("id") String id, @Context UriInfo uri, @Context Request request) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    MethodView method = benchmarks.method(id);
                    return Templates.method(method, leaderboards.forMethod(id), runs.discrepant(id))
                            .render();
                });
    }
}
