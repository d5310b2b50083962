package io.mtlboard.benchmark;

import io.mtlboard.support.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/benchmarks}, {@code /api/methods}, {@code /api/backbones}: the registries. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {

    private final BenchmarkService service;

    public BenchmarkResource(BenchmarkService service) {
        this.service = service;
    }

    @GET
    @Path("benchmarks")
    @Tag(name = "Benchmarks")
    @Operation(summary = "All benchmarks with their tasks, metrics and leaderboard row counts")
    public List<BenchmarkView> benchmarks() {
        return service.benchmarks();
    }

    @GET
    @Path("benchmarks/{id}")
    @Tag(name = "Benchmarks")
    @Operation(
            summary =
                    "A benchmark: tasks, metrics (direction, unit, tolerance), input spec, licence, "
                            + "single-task baselines and sources")
    @APIResponse(
            responseCode = "200",
            description = "The benchmark",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BenchmarkView.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public BenchmarkView benchmark(@PathParam("id") String id) {
        return service.benchmark(id);
    }

    @GET
    @Path("methods")
    @Tag(name = "Methods")
    @Operation(
            summary =
                    "All MTL methods with category, feature-level capability, venue and paper link")
    public List<MethodView> methods() {
        return service.methods();
    }

    @GET
    @Path("methods/{id}")
    @Tag(name = "Methods")
    @Operation(summary = "One method")
    @APIResponse(
            responseCode = "404",
            description = "Unknown method",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public MethodView method(@PathParam("id") String id) {
        return service.method(id);
    }

    @GET
    @Path("backbones")
    @Tag(name = "Backbones")
    @Operation(summary = "All backbones")
    public List<BackboneView> backbones() {
        return service.backbones();
    }
}
