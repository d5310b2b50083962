package io.mtlboard.leaderboard;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of a leaderboard, as the API ({@code /api/leaderboards/{id}}) and the page
 * ({@code /leaderboards/{id}}) both take them ({@code @BeanParam}); raw strings, validated into a
 * {@link LeaderboardQuery} by {@link LeaderboardService#query}, which lists every invalid one.
 */
public class LeaderboardParams {

    @Parameter(description = "backbone id(s)")
    @QueryParam("backbone")
    public List<String> backbone;

    @Parameter(description = "adam, adamw, sgd, signsgd, unreported")
    @QueryParam("optimizer")
    public List<String> optimizer;

    @Parameter(description = "param or feature")
    @QueryParam("gradientLevel")
    public List<String> gradientLevel;

    @Parameter(description = "verified, reference, literature, claimed")
    @QueryParam("source")
    public List<String> source;

    @Parameter(description = "method id(s)")
    @QueryParam("method")
    public List<String> method;

    @Parameter(
            description =
                    "setting id(s), backbone@protocol, such as deeplabv3plus-resnet50@dbmtl-2023")
    @QueryParam("setting")
    public List<String> setting;

    @Parameter(
            description =
                    "exclude (default): rows whose single-task baseline comes from another "
                            + "publication are listed but not ranked; include: rank them within their setting")
    @QueryParam("crossProtocol")
    public String crossProtocol;

    @Parameter(
            description =
                    "rank (default), deltaM, method, seeds or a metric key such as segmentation.mIoU")
    @QueryParam("sort")
    public String sort;

    @Parameter(description = "asc or desc; default: best first")
    @QueryParam("order")
    public String order;

    @Parameter(description = "per-task (default) or flat")
    @QueryParam("convention")
    public String convention;

    @Parameter(
            description =
                    "words every row must contain in its method name or id or its citation, "
                            + "case-insensitive (at most 100 characters); it searches the whole board "
                            + "before paging, and ranks stay those of the board")
    @QueryParam("q")
    public String q;

    @Parameter(description = "1-based page")
    @QueryParam("page")
    public String page;

    @Parameter(description = "rows per page")
    @QueryParam("size")
    public String size;
}
