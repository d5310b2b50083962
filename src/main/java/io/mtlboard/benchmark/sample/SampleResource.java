package io.mtlboard.benchmark.sample;

import io.mtlboard.support.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/benchmarks/{id}/samples/{index}.png}: pictures of a benchmark's test samples. */
@Path("/api/benchmarks/{id}/samples")
public class SampleResource {

    static final String PNG = "image/png";

    /**
     * A picture changes only with its benchmark's manifest (whose hash is in the entity tag): a day
     * in any cache, then revalidated.
     */
    static final String CACHE_CONTROL = "public, max-age=86400";

    private final BenchmarkSamples samples;

    public SampleResource(BenchmarkSamples samples) {
        this.samples = samples;
    }

    @GET
    @Path("{index}.png")
    @Produces(PNG)
    @Tag(name = "Benchmarks")
    @Operation(
            summary =
                    "A picture of one test sample of a benchmark whose data MTLBoard bundles: the"
                            + " input, or the ground truth of a dense task (segmentation in a fixed"
                            + " class palette, depth on a viridis ramp from the picture's nearest to"
                            + " its farthest valid pixel, normals as (n + 1) / 2; black where the"
                            + " ground truth is invalid), nearest-neighbour upscaled")
    @APIResponse(
            responseCode = "200",
            description = "The PNG picture",
            content = @Content(mediaType = PNG))
    @APIResponse(responseCode = "304", description = "The picture is unchanged (If-None-Match)")
    @APIResponse(
            responseCode = "400",
            description = "Index outside the test split, or a target the benchmark does not have",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark, or one whose data MTLBoard does not bundle",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public Response picture(
            @PathParam("id") String id,
            @Parameter(description = "Index of the sample in the test split, from 0")
                    @PathParam("index")
                    String index,
            @Parameter(
                            description =
                                    "input (the default), or a dense task's name or kind, e.g."
                                            + " segmentation, depth, normal")
                    @QueryParam("target")
                    String target,
            @Context Request request) {
        BenchmarkSamples.Picture picture = samples.picture(id, index, target);
        EntityTag tag = EntityTag.valueOf(picture.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.header("Cache-Control", CACHE_CONTROL).build();
        }
        return Response.ok(picture.png(), PNG)
                .tag(tag)
                .header("Cache-Control", CACHE_CONTROL)
                .build();
    }
}
