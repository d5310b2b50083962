package io.mtlboard.web;

import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.benchmark.sample.BenchmarkSamples;
import io.mtlboard.benchmark.sample.SampleGallery;
import io.mtlboard.leaderboard.LeaderboardService;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.training.ReferenceProtocols;
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

/**
 * A benchmark's page: tasks, metrics with direction, baselines, settings, reference protocols,
 * licence, sample pictures of its data, sources.
 */
@Path("/benchmarks")
@Produces(MediaType.TEXT_HTML)
public class BenchmarkPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance benchmark(
                BenchmarkView benchmark,
                List<LeaderboardView.SettingView> settings,
                List<ReferenceProtocols.ProtocolView> protocols,
                SampleGallery samples);
    }

    private final BenchmarkService benchmarks;
    private final LeaderboardService leaderboards;
    private final ReferenceProtocols protocols;
    private final BenchmarkSamples samples;
    private final PageCache cache;

    public BenchmarkPage(
            BenchmarkService benchmarks,
            LeaderboardService leaderboards,
            ReferenceProtocols protocols,
            BenchmarkSamples samples,
            PageCache cache) {
        this.benchmarks = benchmarks;
        this.leaderboards = leaderboards;
        this.protocols = protocols;
        this.samples = samples;
        this.cache = cache;
    }

    @GET
    @Path("{id}")
    public Response benchmark(
            @PathParam("id") String id, @Context UriInfo uri, @Context Request request) {
        // the benchmark summary counts rows of every benchmark's registry, so any data change
        // renews it
        return cache.sitePage(
                uri,
                request,
                () -> {
                    BenchmarkView benchmark = benchmarks.benchmark(id);
                    return Templates.benchmark(
                                    benchmark,
                                    leaderboards.settings(id),
                                    protocols.of(benchmark.id()),
                                    samples.gallery(id))
                            .render();
                });
    }
}
