package io.mtlboard.leaderboard;

import io.mtlboard.support.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/runs}: single runs with their claimed and measured values. */
@Path("/api/runs")
@Tag(name = "Runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunService service;

    public RunResource(RunService service) {
        this.service = service;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A run", description = "Setting, source, status, claimed and measured values, the latest "
            + "completed evaluation.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RunView run(@PathParam("id") String id) {
        return service.find(id);
    }
}
