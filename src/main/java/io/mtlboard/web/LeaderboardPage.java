package io.mtlboard.web;

import io.mtlboard.benchmark.BackboneView;
import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.leaderboard.CompareView;
import io.mtlboard.leaderboard.LeaderboardParams;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSettings;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The leaderboard page: filterable, sortable table plus charts fed by the same JSON API. */
@Path("/leaderboards")
@Produces(MediaType.TEXT_HTML)
public class LeaderboardPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance leaderboard(
                LeaderboardView view,
                BenchmarkView benchmark,
                List<BackboneView> backbones,
                List<String> optimizers,
                List<String> gradientLevels,
                List<String> sources);

        static native TemplateInstance compare(CompareView compare, BenchmarkView benchmark);
    }

    private final LeaderboardService leaderboards;
    private final BenchmarkService benchmarks;
    private final PageCache cache;

    public LeaderboardPage(
            LeaderboardService leaderboards, BenchmarkService benchmarks, PageCache cache) {
        this.leaderboards = leaderboards;
        this.benchmarks = benchmarks;
        this.cache = cache;
    }

    @GET
    @Path("{id}")
    public Response leaderboard(
            @PathParam("id") String id,
            @BeanParam LeaderboardParams params,
            @Context UriInfo uri,
            @Context Request request) {
        return cache.benchmarkPage(
                id,
                uri,
                request,
                () -> {
                    LeaderboardView view =
                            leaderboards.leaderboard(id, leaderboards.query(id, params));
                    return Templates.leaderboard(
                                    view,
                                    benchmarks.benchmark(id),
                                    benchmarks.backbones(),
                                    RunSettings.OPTIMIZERS,
                                    RunSettings.GRADIENT_LEVELS,
                                    RowSource.ids())
                            .render();
                });
    }

    /** Two to four rows side by side ({@code rows} = row keys); a readable error page otherwise. */
    @GET
    @Path("{id}/compare")
    public Response compare(
            @PathParam("id") String id,
            @QueryParam("rows") List<String> rows,
            @Context UriInfo uri,
            @Context Request request) {
        return cache.benchmarkPage(
                id,
                uri,
                request,
                () ->
                        Templates.compare(leaderboards.compare(id, rows), benchmarks.benchmark(id))
                                .render());
    }
}
