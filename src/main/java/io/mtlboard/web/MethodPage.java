package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.MethodView;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** A method's page: the method across every benchmark and backbone. */
@Path("/methods")
@Produces(MediaType.TEXT_HTML)
public class MethodPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance method(MethodView method, List<LeaderboardView> boards);
    }

    private final BenchmarkService benchmarks;
    private final LeaderboardService leaderboards;

    public MethodPage(BenchmarkService benchmarks, LeaderboardService leaderboards) {
        this.benchmarks = benchmarks;
        this.leaderboards = leaderboards;
    }

    @GET
    @Path("{id}")
    public TemplateInstance method(@PathParam("id") String id) {
        return Templates.method(benchmarks.method(id), leaderboards.forMethod(id));
    }
}
