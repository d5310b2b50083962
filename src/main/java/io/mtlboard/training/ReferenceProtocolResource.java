package io.mtlboard.training;

import io.mtlboard.benchmark.BenchmarkService;
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

/**
 * {@code /api/benchmarks/{id}/protocols}: a benchmark's documented reference protocols with what
 * their bundles show — the benchmark page's "Reference protocol" section as JSON.
 */
@Path("/api/benchmarks/{id}/protocols")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceProtocolResource {

    private final BenchmarkService benchmarks;
    private final ReferenceProtocols protocols;

    public ReferenceProtocolResource(BenchmarkService benchmarks, ReferenceProtocols protocols) {
        this.benchmarks = benchmarks;
        this.protocols = protocols;
    }

    @GET
    @Tag(name = "Benchmarks")
    @Operation(
            summary = "A benchmark's reference protocols and what their bundles show",
            description =
                    "Per protocol: its definition as trained by `mtlboard reference --protocol`, the hash "
                            + "every bundle carries, and the evidence of its bundles: per reference run the "
                            + "convergence criterion it recorded and the late rise of each task's best "
                            + "validation value (plateaued: missed the criterion past its peak; stillRising: "
                            + "missed it while improving); the lr sweep per optimizer and method (every "
                            + "candidate's validation score, the chosen rate, whether it is the grid's lowest "
                            + "or highest rate, its margin over the next rate and whether that margin is within "
                            + "the seed noise of the protocol's runs at the chosen rate); and the seed coverage "
                            + "per method, optimizer and gradient level. Undefined numbers are null. An empty "
                            + "list for a benchmark without documented protocols.")
    @APIResponse(
            responseCode = "200",
            description = "The protocols",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = ReferenceProtocols.ProtocolView.class,
                                            type =
                                                    org.eclipse.microprofile.openapi.annotations
                                                            .enums.SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public List<ReferenceProtocols.ProtocolView> protocols(@PathParam("id") String id) {
        return protocols.of(benchmarks.benchmark(id).id());
    }
}
