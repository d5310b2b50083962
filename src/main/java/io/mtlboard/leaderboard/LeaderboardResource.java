package io.mtlboard.leaderboard;

import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.support.EventLoopAnswers;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Problem;
import io.mtlboard.support.Violation;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/leaderboards}: a benchmark's leaderboard as JSON or CSV. */
@Path("/api/leaderboards")
@Tag(name = "Leaderboards")
public class LeaderboardResource {

    static final String CSV = "text/csv";

    private final LeaderboardService service;
    private final LeaderboardResponses responses;
    private final EventLoopAnswers answers;
    private final LeaderboardVersion version;

    public LeaderboardResource(
            LeaderboardService service,
            LeaderboardResponses responses,
            EventLoopAnswers answers,
            LeaderboardVersion version) {
        this.service = service;
        this.responses = responses;
        this.answers = answers;
        this.version = version;
    }

    @GET
    @Path("{benchmarkId}")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(
            summary = "Leaderboard of a benchmark",
            description =
                    "Rows aggregate runs over distinct seeds "
                            + "(setting × method × optimizer × gradient level × source, where a setting is backbone × protocol): "
                            + "mean ± sample std per metric, Δm against the single-task baseline of the same setting in both "
                            + "conventions (gain sign), and a rank within the setting. `settings` lists each setting with its "
                            + "protocol, baseline and Δm chart data. Repeat a filter or separate values by commas to allow several. "
                            + "Accept: text/csv or format=csv gives the same rows as CSV.")
    @APIResponse(
            responseCode = "200",
            description = "The leaderboard page",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LeaderboardView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid parameter(s), each listed with its allowed values",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public Response leaderboard(
            @PathParam("benchmarkId") String benchmarkId,
            @BeanParam LeaderboardParams params,
            @Parameter(description = "json or csv (overrides Accept)") @QueryParam("format")
                    String format,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            @Context Request request) {
        boolean csv = wantsCsv(format, headers);
        TreeMap<String, List<String>> raw = new TreeMap<>(uri.getQueryParameters());
        raw.remove("format");
        LeaderboardResponses.Entry entry =
                responses.get(
                        benchmarkId,
                        raw.toString(),
                        csv,
                        () -> service.leaderboard(benchmarkId, service.query(benchmarkId, params)));
        if (!csv) {
            answers.remember(
                    () -> version.current(benchmarkId),
                    entry.version(),
                    entry.body(),
                    entry.etag(),
                    MediaType.APPLICATION_JSON,
                    "no-cache");
        }
        EntityTag tag = EntityTag.valueOf(entry.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.header("Cache-Control", "no-cache").build();
        }
        // cached by clients, but revalidated every time: the submitter's next read must show their
        // row
        Response.ResponseBuilder ok =
                Response.ok(entry.body()).tag(tag).header("Cache-Control", "no-cache");
        if (csv) {
            return ok.type(CSV + ";charset=UTF-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"" + benchmarkId + "-leaderboard.csv\"")
                    .build();
        }
        return ok.type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{benchmarkId}/pareto")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Two metrics of one setting against each other",
            description =
                    "One point per "
                            + "evidence-backed row of the setting (mean ± std over seeds; claimed rows never), the non-dominated rows "
                            + "marked (at least as good on both metrics and better on one, each in its own direction), and the "
                            + "setting's single-task row as the reference point.")
    @APIResponse(
            responseCode = "200",
            description = "The points",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ParetoView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Unknown setting or metric, listed with the allowed values",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public ParetoView pareto(
            @PathParam("benchmarkId") String benchmarkId,
            @Parameter(
                            description =
                                    "setting id, backbone@protocol; default: the setting with the most rows")
                    @QueryParam("setting")
                    String setting,
            @Parameter(
                            description =
                                    "metric key of the x axis; default: the first metric of the first task")
                    @QueryParam("x")
                    String x,
            @Parameter(
                            description =
                                    "metric key of the y axis; default: the first metric of the second task")
                    @QueryParam("y")
                    String y) {
        return service.pareto(benchmarkId, setting, x, y);
    }

    @GET
    @Path("{benchmarkId}/compare")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Two to four rows side by side",
            description =
                    "The rows named by their keys (`key` in the leaderboard, "
                            + "setting~method~optimizer~gradientLevel~source; stable across reloads and new seeds): every metric "
                            + "mean ± std with the better row per metric (`best`), Δm in both conventions against each row's own "
                            + "baseline (`sameBaseline` false when those differ), Δm per task, efficiency where measured, and "
                            + "the run whose training log (`GET /api/runs/{id}/training-log`) stands for the row: seed 0, else "
                            + "its first run.")
    @APIResponse(
            responseCode = "200",
            description = "The rows",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CompareView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Fewer than 2 or more than 4 rows, or keys of no row of this leaderboard",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Unknown benchmark",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public CompareView compare(
            @PathParam("benchmarkId") String benchmarkId,
            @Parameter(
                            description =
                                    "row keys, repeated or comma-separated, such as "
                                            + "segnet@mtlboard~ew~adam~param~reference")
                    @QueryParam("rows")
                    List<String> rows) {
        return service.compare(benchmarkId, rows);
    }

    private static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new InvalidInputProblem(
                        "Unknown format",
                        List.of(
                                new Violation(
                                        "format",
                                        "'"
                                                + format
                                                + "' is not allowed; allowed values: json, csv")));
            }
            return format.equals("csv");
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty()
                && accepted.get(0).isCompatible(MediaType.valueOf(CSV))
                && !accepted.get(0).isWildcardType();
    }
}
