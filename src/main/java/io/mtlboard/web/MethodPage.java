package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.MethodView;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.leaderboard.RunService;
import io.mtlboard.leaderboard.RunView;
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
        static native TemplateInstance method(MethodView method, List<LeaderboardView> boards,
                List<RunView> discrepant);
    }

    private final BenchmarkService benchmarks;
    private final LeaderboardService leaderboards;
    private final RunService runs;

    public MethodPage(BenchmarkService benchmarks, LeaderboardService leaderboards, RunService runs) {
        this.benchmarks = benchmarks;
        this.leaderboards = leaderboards;
        this.runs = runs;
    }

    @GET
    @Path("{id}")
    public TemplateInstance method(@PathParam("id") String id) {
        MethodView method = benchmarks.method(id);
        return Templates.method(method, leaderboards.forMethod(id), runs.discrepant(id));
    }
}
