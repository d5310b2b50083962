package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.benchmark.ReferenceProtocols;
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

/**
 * A benchmark's page: tasks, metrics with direction, baselines, settings, reference protocols,
 * licence, sources.
 */
@Path("/benchmarks")
@Produces(MediaType.TEXT_HTML)
public class BenchmarkPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance benchmark(BenchmarkView benchmark, List<LeaderboardView.SettingView> settings,
                List<ReferenceProtocols.ProtocolView> protocols);
    }

    private final BenchmarkService benchmarks;
    private final LeaderboardService leaderboards;
    private final ReferenceProtocols protocols;

    public BenchmarkPage(BenchmarkService benchmarks, LeaderboardService leaderboards, ReferenceProtocols protocols) {
        this.benchmarks = benchmarks;
        this.leaderboards = leaderboards;
        this.protocols = protocols;
    }

    @GET
    @Path("{id}")
    public TemplateInstance benchmark(@PathParam("id") String id) {
        BenchmarkView benchmark = benchmarks.benchmark(id);
        return Templates.benchmark(benchmark, leaderboards.settings(id), protocols.of(benchmark.id()));
    }
}
