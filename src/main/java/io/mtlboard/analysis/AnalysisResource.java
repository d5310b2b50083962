package io.mtlboard.analysis;

import io.mtlboard.support.Problem;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/analysis}: one endpoint per analysis page. Each takes {@code benchmark} and the
 * leaderboard filters ({@link AnalysisFilter}); invalid parameters give a 400 problem listing each
 * with its allowed values.
 */
@Path("/api/analysis")
@Tag(name = "Analysis")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
        responseCode = "400",
        description = "Invalid parameter(s), each listed with its allowed values",
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)))
public class AnalysisResource {

    /** The query parameters of the rank coefficient, as {@link CoefficientChoice} reads them. */
    static final String COEFFICIENT = "kendall-tau-b (default), spearman-rho or top-k-overlap";

    static final String K = "k of top-k-overlap, 1 to 50 (default 3)";

    private final RankingSimilarityService ranking;
    private final FeatureDisentanglementService disentanglement;
    private final GradientsService gradients;
    private final PairedAnalysisService paired;
    private final RobustnessService robustness;
    private final TaskGroupingService grouping;
    private final AnalysisCache cache;

    public AnalysisResource(
            RankingSimilarityService ranking,
            FeatureDisentanglementService disentanglement,
            GradientsService gradients,
            PairedAnalysisService paired,
            RobustnessService robustness,
            TaskGroupingService grouping,
            AnalysisCache cache) {
        this.cache = cache;
        this.ranking = ranking;
        this.disentanglement = disentanglement;
        this.gradients = gradients;
        this.paired = paired;
        this.robustness = robustness;
        this.grouping = grouping;
    }

    @GET
    @Path("ranking-similarity")
    @Operation(
            summary = "Ranking similarity of indicators, backbones and datasets with test Δm",
            description =
                    "On one setting (backbone × protocol; default: the backbone with the most logged rows, its setting with the most rows (the latest version of a reference protocol first once it has 5 rows)), the indicator × indicator "
                            + "heatmap including test Δm (entries are leaderboard rows; an indicator is the mean over a "
                            + "run's logged epochs, averaged over seeds), the setting × setting (backbone × protocol) and dataset × dataset "
                            + "agreement of the Δm ranking of methods, and one indicator against Δm. Every cell carries n; "
                            + "n < 5 is marked unreliable. METRICS.md §5, Mao et al. (arXiv 2402.03557).")
    @APIResponseSchema(value = RankingSimilarityView.class, responseDescription = "The analysis")
    public RankingSimilarityView rankingSimilarity(
            @BeanParam AnalysisFilter filter,
            @Context UriInfo uri,
            @Parameter(description = COEFFICIENT) @QueryParam("coefficient") String coefficient,
            @Parameter(description = K) @QueryParam("k") String k,
            @Parameter(
                            description =
                                    "indicator of the scatter, e.g. param.interTask.cosine or fd.value")
                    @QueryParam("indicator")
                    String indicator,
            @Parameter(
                            description =
                                    "setting (backbone@protocol, e.g. lenet5@mf-lenet5-v2) whose rows the indicator heatmap "
                                            + "and the scatter rank; it implies its backbone when none is given; default: the "
                                            + "backbone's setting with the most rows (the latest version of a reference protocol first once it has 5 rows)")
                    @QueryParam("setting")
                    String setting) {
        return cache.get(uri, () -> ranking.similarity(filter, coefficient, k, indicator, setting));
    }

    @GET
    @Path("feature-disentanglement")
    @Operation(
            summary =
                    "Feature disentanglement over training, at the end against Δm, and on the test split",
            description =
                    "FD = 1 − mean_j H_j / ln T (METRICS.md §4, after Mao et al., arXiv 2402.03557) per "
                            + "epoch from training logs (mean ± std over runs), the final epoch's FD against test Δm with "
                            + "their rank agreement, and FD measured by the worker on the test split where available. "
                            + "'method' chooses the curves to overlay.")
    @APIResponseSchema(
            value = FeatureDisentanglementView.class,
            responseDescription = "The analysis")
    public FeatureDisentanglementView featureDisentanglement(
            @BeanParam AnalysisFilter filter,
            @Context UriInfo uri,
            @Parameter(description = COEFFICIENT) @QueryParam("coefficient") String coefficient,
            @Parameter(description = K) @QueryParam("k") String k,
            @Parameter(
                            description =
                                    "setting (backbone@protocol) whose rows are shown and ranked; it implies its "
                                            + "backbone when none is given; default: the backbone's setting with the most rows (the latest version of a reference protocol first once it has 5 rows)")
                    @QueryParam("setting")
                    String setting) {
        return cache.get(
                uri, () -> disentanglement.disentanglement(filter, coefficient, k, setting));
    }

    @GET
    @Path("gradients")
    @Operation(
            summary =
                    "Gradient similarity curves and inter-task against inter-sample distributions",
            description =
                    "Inter-task cosine and magnitude similarity per epoch (METRICS.md §3), and the "
                            + "distribution of one of them inter-task against inter-sample (Elich et al., arXiv 2311.04698), "
                            + "per sample as Elich et al. measure (two tasks on one sample; one task on two samples; up to 8 "
                            + "samples per measured step) or per batch; the view's definition field states which.")
    @APIResponseSchema(value = GradientsView.class, responseDescription = "The analysis")
    public GradientsView gradients(
            @BeanParam AnalysisFilter filter,
            @Context UriInfo uri,
            @Parameter(
                            description =
                                    "param or feature: which gradients the indicators were logged on")
                    @QueryParam("level")
                    String level,
            @Parameter(
                            description =
                                    "cosine (default) or magnitudeSimilarity: the distribution compared")
                    @QueryParam("indicator")
                    String indicator,
            @Parameter(
                            description =
                                    "per-sample (default when logged) or batch: how finely gradients are compared")
                    @QueryParam("granularity")
                    String granularity,
            @Parameter(
                            description =
                                    "setting (backbone@protocol) whose rows are shown and pooled; it implies its "
                                            + "backbone when none is given; default: the backbone's setting with the most rows (the latest version of a reference protocol first once it has 5 rows)")
                    @QueryParam("setting")
                    String setting) {
        return cache.get(
                uri, () -> gradients.gradients(filter, level, indicator, granularity, setting));
    }

    @GET
    @Path("levels")
    @Operation(
            summary = "Parameter- against feature-level gradients, per method",
            description =
                    "Each method with both a parameter-level and a feature-level row: Δm and training time "
                            + "of both; a positive difference means the method gains from the feature-level surrogate "
                            + "(Mao et al., arXiv 2402.03557). The gradientLevel filter does not apply.")
    @APIResponseSchema(value = LevelsView.class, responseDescription = "The analysis")
    public LevelsView levels(@BeanParam AnalysisFilter filter, @Context UriInfo uri) {
        return cache.get(uri, () -> paired.levels(filter));
    }

    @GET
    @Path("optimizers")
    @Operation(
            summary = "Adam against SGD, per method",
            description =
                    "Each method with both an SGD (or signSGD) and an Adam row in one setting: Δm of both "
                            + "(positive difference: Adam is better), clear when it exceeds the sum of both sides' std "
                            + "of Δm over seeds (measured, or printed by the publication for a literature row where it "
                            + "is the std of the Δm shown; METRICS.md §9), the agreement of the method rankings under "
                            + "the two optimizers per benchmark, and Elich et al.'s Pareto counts per setting (arXiv "
                            + "2311.04698). Without a benchmark, every benchmark at once (the default of the page): "
                            + "pairs and counts stay within one setting. The optimizer filter does not apply.")
    @APIResponseSchema(value = OptimizersView.class, responseDescription = "The analysis")
    public OptimizersView optimizers(
            @BeanParam AnalysisFilter filter,
            @Context UriInfo uri,
            @Parameter(description = COEFFICIENT) @QueryParam("coefficient") String coefficient,
            @Parameter(description = K) @QueryParam("k") String k) {
        return cache.get(uri, () -> paired.optimizers(filter, coefficient, k));
    }

    @GET
    @Path("robustness")
    @Operation(
            summary = "Metric drop under corrupted inputs, MTL against single-task",
            description =
                    "On one setting (backbone × protocol), the relative drop per severity of one corruption, per "
                            + "row, and δ_t against the setting's single-task row (METRICS.md §7, Elich et al., arXiv 2311.04698), from the worker's corrupted-split "
                            + "measurements; says 'no data yet' until there are some.")
    @APIResponseSchema(value = RobustnessView.class, responseDescription = "The analysis")
    public RobustnessView robustness(
            @BeanParam AnalysisFilter filter,
            @Context UriInfo uri,
            @Parameter(description = "metric key, e.g. left.accuracy (default: the first)")
                    @QueryParam("metric")
                    String metric,
            @Parameter(description = "corruption id, e.g. gaussian_noise") @QueryParam("corruption")
                    String corruption,
            @Parameter(
                            description =
                                    "setting (backbone@protocol) whose rows are shown; it implies its backbone when "
                                            + "none is given; default: among rows with corrupted-split measurements, the "
                                            + "backbone with the most logged rows and its setting with the most rows (the latest version of a reference protocol first once it has 5 rows)")
                    @QueryParam("setting")
                    String setting) {
        return cache.get(uri, () -> robustness.robustness(filter, metric, corruption, setting));
    }

    @GET
    @Path("task-grouping")
    @Operation(
            summary = "Task grouping of a built-in data set",
            description =
                    "Best groupings per inference budget and the loss-vs-budget curves of a built-in data set "
                            + "(default standley2020-setting1: Standley et al., ICML 2020, Setting 1, Taskonomy): networks "
                            + "chosen on validation losses and scored on test losses by the exact search, the higher-order "
                            + "approximation (pair networks only) and the early-stopping approximation (20 % losses), plus "
                            + "all-in-one and independent networks; the published curves with every published point "
                            + "compared to its recomputation; the pairwise affinity tables (the paper's Tables 2 and 3) "
                            + "recomputed from the test losses. METRICS.md §6.")
    @APIResponseSchema(value = TaskGroupingView.class, responseDescription = "The analysis")
    public TaskGroupingView taskGroupingDataset(
            @Parameter(description = "the built-in data set (default standley2020-setting1)")
                    @QueryParam("dataset")
                    String dataset,
            @Parameter(description = "the budget whose groupings are detailed (default 2)")
                    @QueryParam("budget")
                    String budget) {
        return grouping.dataset(dataset, budget);
    }

    @POST
    @Path("task-grouping")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Task grouping of a pasted table",
            description =
                    "Body: CSV with a header `cost,<task>,<task>,…` (2 to 5 tasks) and one line per trained "
                            + "network: its inference cost and its loss on each task it solves, empty for the others. "
                            + "Exactly one network per pair of tasks is needed for the higher-order approximation.")
    @APIResponseSchema(value = TaskGroupingView.class, responseDescription = "The analysis")
    public TaskGroupingView taskGrouping(
            String csv,
            @Parameter(description = "the budget whose groupings are detailed (default 2)")
                    @QueryParam("budget")
                    String budget) {
        return grouping.pasted(csv, budget);
    }
}
