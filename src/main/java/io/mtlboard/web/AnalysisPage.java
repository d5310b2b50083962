package io.mtlboard.web;

import io.mtlboard.analysis.AnalysisCoverage;
import io.mtlboard.analysis.AnalysisData;
import io.mtlboard.analysis.AnalysisFilter;
import io.mtlboard.analysis.CoefficientChoice;
import io.mtlboard.analysis.FeatureDisentanglementService;
import io.mtlboard.analysis.FeatureDisentanglementView;
import io.mtlboard.analysis.GradientsService;
import io.mtlboard.analysis.GradientsView;
import io.mtlboard.analysis.Indicator;
import io.mtlboard.analysis.LevelsView;
import io.mtlboard.analysis.LossScaleStudy;
import io.mtlboard.analysis.OptimizersView;
import io.mtlboard.analysis.PairedAnalysisService;
import io.mtlboard.analysis.RankingSimilarityService;
import io.mtlboard.analysis.RankingSimilarityView;
import io.mtlboard.analysis.RobustnessService;
import io.mtlboard.analysis.RobustnessView;
import io.mtlboard.analysis.Scope;
import io.mtlboard.analysis.TaskGroupingService;
import io.mtlboard.analysis.TaskGroupingView;
import io.mtlboard.benchmark.BackboneView;
import io.mtlboard.benchmark.BenchmarkService;
import io.mtlboard.benchmark.BenchmarkView;
import io.mtlboard.run.RowSource;
import io.mtlboard.run.RunSettings;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analysis pages ({@code /analysis/...}): each renders its controls from the same view its
 * JSON endpoint serves ({@code /api/analysis/...}), and its script redraws the charts from that
 * endpoint whenever a control changes, keeping the state in the page URL.
 */
@Path("/analysis")
@Produces(MediaType.TEXT_HTML)
public class AnalysisPage {

    /**
     * The choices the filter controls offer: {@code benchmarks} those with data for the page's
     * analysis, {@code benchmarksWithoutData} the others, listed after them and marked.
     */
    public record Options(
            List<BenchmarkView> benchmarks,
            List<BenchmarkView> benchmarksWithoutData,
            List<BackboneView> backbones,
            List<String> optimizers,
            List<String> gradientLevels,
            List<String> sources,
            List<String> coefficients) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String benchmark);

        static native TemplateInstance ranking(
                RankingSimilarityView view,
                Options options,
                List<Indicator> indicators,
                String api);

        static native TemplateInstance disentanglement(
                FeatureDisentanglementView view, Options options, String api);

        static native TemplateInstance gradients(GradientsView view, Options options, String api);

        static native TemplateInstance levels(LevelsView view, Options options, String api);

        static native TemplateInstance optimizers(
                OptimizersView view, Options options, LossScaleStudy.View lossScale, String api);

        static native TemplateInstance robustness(RobustnessView view, Options options, String api);

        static native TemplateInstance grouping(TaskGroupingView view, String api);
    }

    private final BenchmarkService benchmarks;
    private final LossScaleStudy lossScale;
    private final AnalysisData data;
    private final RankingSimilarityService ranking;
    private final FeatureDisentanglementService disentanglement;
    private final GradientsService gradients;
    private final PairedAnalysisService paired;
    private final RobustnessService robustness;
    private final TaskGroupingService grouping;
    private final AnalysisCoverage coverage;
    private final PageCache cache;
    @Context UriInfo uri;
    @Context Request request;

    public AnalysisPage(
            BenchmarkService benchmarks,
            AnalysisData data,
            RankingSimilarityService ranking,
            FeatureDisentanglementService disentanglement,
            GradientsService gradients,
            PairedAnalysisService paired,
            RobustnessService robustness,
            TaskGroupingService grouping,
            LossScaleStudy lossScale,
            AnalysisCoverage coverage,
            PageCache cache) {
        this.lossScale = lossScale;
        this.coverage = coverage;
        this.cache = cache;
        this.benchmarks = benchmarks;
        this.data = data;
        this.ranking = ranking;
        this.disentanglement = disentanglement;
        this.gradients = gradients;
        this.paired = paired;
        this.robustness = robustness;
        this.grouping = grouping;
    }

    @GET
    public Response index() {
        return cache.sitePage(
                uri, request, () -> Templates.index(data.defaultBenchmark()).render());
    }

    @GET
    @Path("ranking-similarity")
    public Response ranking(
            @BeanParam AnalysisFilter filter,
            @QueryParam("coefficient") String coefficient,
            @QueryParam("k") String k,
            @QueryParam("indicator") String indicator,
            @QueryParam("setting") String setting) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    RankingSimilarityView view =
                            ranking.similarity(
                                    withDefault(filter), coefficient, k, indicator, setting);
                    return Templates.ranking(
                                    view,
                                    options("ranking-similarity"),
                                    Indicator.ALL,
                                    api("ranking-similarity", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("feature-disentanglement")
    public Response disentanglement(
            @BeanParam AnalysisFilter filter,
            @QueryParam("coefficient") String coefficient,
            @QueryParam("k") String k,
            @QueryParam("setting") String setting) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    FeatureDisentanglementView view =
                            disentanglement.disentanglement(
                                    withDefault(filter), coefficient, k, setting);
                    return Templates.disentanglement(
                                    view,
                                    options("feature-disentanglement"),
                                    api("feature-disentanglement", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("gradients")
    public Response gradients(
            @BeanParam AnalysisFilter filter,
            @QueryParam("level") String level,
            @QueryParam("indicator") String indicator,
            @QueryParam("granularity") String granularity,
            @QueryParam("setting") String setting) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    GradientsView view =
                            gradients.gradients(
                                    withDefault(filter), level, indicator, granularity, setting);
                    return Templates.gradients(
                                    view, options("gradients"), api("gradients", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("levels")
    public Response levels(@BeanParam AnalysisFilter filter) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    LevelsView view = paired.levels(withDefault(filter));
                    return Templates.levels(view, options("levels"), api("levels", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("optimizers")
    public Response optimizers(
            @BeanParam AnalysisFilter filter,
            @QueryParam("coefficient") String coefficient,
            @QueryParam("k") String k) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    // no benchmark named: every benchmark (Elich et al.'s four settings at once)
                    OptimizersView view = paired.optimizers(filter, coefficient, k);
                    return Templates.optimizers(
                                    view,
                                    options("optimizers"),
                                    view.scope().benchmark() == null
                                            ? lossScale.first(
                                                    benchmarks.benchmarks().stream()
                                                            .map(BenchmarkView::id)
                                                            .toList())
                                            : lossScale.of(view.scope().benchmark().id()),
                                    api("optimizers", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("robustness")
    public Response robustness(
            @BeanParam AnalysisFilter filter,
            @QueryParam("metric") String metric,
            @QueryParam("corruption") String corruption,
            @QueryParam("setting") String setting) {
        return cache.sitePage(
                uri,
                request,
                () -> {
                    RobustnessView view =
                            robustness.robustness(withDefault(filter), metric, corruption, setting);
                    return Templates.robustness(
                                    view, options("robustness"), api("robustness", view.scope()))
                            .render();
                });
    }

    @GET
    @Path("task-grouping")
    public Response grouping(
            @QueryParam("dataset") String dataset, @QueryParam("budget") String budget) {
        return cache.sitePage(
                uri,
                request,
                () ->
                        Templates.grouping(
                                        grouping.dataset(dataset, budget),
                                        api("task-grouping", null))
                                .render());
    }

    /**
     * Pages open on the benchmark with the most logged rows when the URL names none (the optimizer
     * page on every benchmark instead).
     */
    private AnalysisFilter withDefault(AnalysisFilter filter) {
        if (filter.benchmark == null || filter.benchmark.isBlank()) {
            filter.benchmark = data.defaultBenchmark();
        }
        return filter;
    }

    /**
     * The JSON endpoint behind an analysis page with this page's query, naming the benchmark the
     * page chose when the URL names none: what the page's script reads, and where its data is
     * without a script.
     */
    private String api(String analysis, Scope scope) {
        String query = uri.getRequestUri().getRawQuery();
        List<String> parts = new ArrayList<>();
        if (scope != null
                && scope.benchmark() != null
                && isBlank(uri.getQueryParameters().getFirst("benchmark"))) {
            parts.add(
                    "benchmark="
                            + URLEncoder.encode(scope.benchmark().id(), StandardCharsets.UTF_8));
        }
        if (query != null && !query.isBlank()) {
            parts.add(query);
        }
        return "/api/analysis/" + analysis + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The filter choices of an analysis page: benchmarks with data for it first. */
    private Options options(String analysis) {
        Set<String> withData = coverage.benchmarksWithData(analysis);
        Map<Boolean, List<BenchmarkView>> split =
                benchmarks.benchmarks().stream()
                        .collect(Collectors.partitioningBy(b -> withData.contains(b.id())));
        return new Options(
                split.get(true),
                split.get(false),
                benchmarks.backbones(),
                RunSettings.OPTIMIZERS,
                RunSettings.GRADIENT_LEVELS,
                RowSource.ids(),
                CoefficientChoice.IDS);
    }
}
