package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.analysis.ranking.SeedScoring;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Ref;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/** Builds the ranking-similarity analysis (METRICS.md §5) of a benchmark from its rows and training logs. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RankingSimilarityService {

    private final AnalysisData data;

    public RankingSimilarityService(AnalysisData data) {
        this.data = data;
    }

    /**
     * The analysis for the filter; {@code backbone} takes at most one value and defaults to the
     * backbone with the most logged rows, and the setting is the backbone's with the most rows.
     *
     * @throws io.mtlboard.support.InvalidInputProblem listing every invalid parameter
     */
    public RankingSimilarityView similarity(
            AnalysisFilter filter, String coefficient, String k, String indicator) {
        return similarity(filter, coefficient, k, indicator, null);
    }

    /**
     * The analysis for the filter within one setting (backbone × protocol) of the backbone:
     * {@code setting}, or by default the setting with the most rows. Rows of different protocols
     * are never ranked together: their Δm and indicators differ by protocol (epochs, data, lr) as
     * much as by method.
     *
     * @throws io.mtlboard.support.InvalidInputProblem listing every invalid parameter, including a
     *     setting the backbone has no rows in
     */
    public RankingSimilarityView similarity(
            AnalysisFilter filter,
            String coefficient,
            String k,
            String indicator,
            String requestedSetting) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        CoefficientChoice choice = CoefficientChoice.parse(checks, coefficient, k);
        if (scope.backbones().size() > 1) {
            checks.add(
                    "backbone",
                    "give one backbone; the indicator heatmap compares rows of one backbone");
        }
        String indicatorKey =
                indicator == null || indicator.isBlank()
                        ? null
                        : checks.one(
                                "indicator",
                                indicator,
                                Indicator.ALL.stream().map(Indicator::key).toList(),
                                null);
        checks.done("the ranking-similarity analysis");
        Coefficient c = choice.coefficient();

        List<AnalysisRow> all =
                data.rows(scope.with(scope.benchmark(), List.of(), scope.methods()), true);
        String backboneId = SettingChoice.backbone(scope.backbones(), requestedSetting, mtl(all));
        List<AnalysisRow> ofBackbone =
                mtl(all).stream().filter(r -> r.backboneId().equals(backboneId)).toList();
        SettingChoice.Chosen setting =
                SettingChoice.select(
                        ofBackbone,
                        requestedSetting,
                        backboneId,
                        "the ranking-similarity analysis");
        List<AnalysisRow> rows = setting.rows();

        List<Scoring> indicatorScorings = new ArrayList<>();
        indicatorScorings.add(Scorings.deltaM(rows));
        List<Scoring> logged = Scorings.indicators(rows);
        indicatorScorings.addAll(logged);
        Map<String, String> labels = new HashMap<>();
        labels.put(Scorings.DELTA_M, "test Δm (" + scope.convention().id() + ")");
        Indicator.ALL.forEach(i -> labels.put(i.key(), i.label()));
        SeedScoring seedDeltaM = Scorings.seedDeltaM(rows);
        List<SeedScoring> seedScorings = new ArrayList<>();
        seedScorings.add(seedDeltaM);
        seedScorings.addAll(Scorings.seedIndicators(rows, logged));
        BackboneRefs backboneRefs = BackboneRefs.load();
        // the seed bootstraps are pure computations on what was read: the backbone and row
        // heatmaps are computed on another thread while this one reads the other benchmarks' rows
        // and computes the benchmark heatmap, the noise ceiling and the scatter
        CompletableFuture<Heatmap> backbones =
                CompletableFuture.supplyAsync(
                        () ->
                                Heatmap.of(
                                        Scorings.deltaMByGroup(all, SettingChoice::of),
                                        Scorings.seedDeltaMByGroup(all, SettingChoice::of),
                                        SettingChoice.names(all),
                                        c,
                                        "methods"),
                        ForkJoinPool.commonPool());
        CompletableFuture<Heatmap> indicators =
                CompletableFuture.supplyAsync(
                        () -> Heatmap.of(indicatorScorings, seedScorings, labels, c, "rows"),
                        ForkJoinPool.commonPool());
        Heatmap datasets = datasets(scope, all, c);
        SeedBootstrap.Ceiling ceiling =
                SeedBootstrap.noiseCeiling(seedDeltaM, c, SeedBootstrap.SPLITS, 20261204L);

        List<Indicator> available =
                logged.stream().map(s -> Indicator.byKey(s.name()).orElseThrow()).toList();
        Indicator x =
                indicatorKey != null
                        ? Indicator.byKey(indicatorKey).orElseThrow()
                        : available.isEmpty() ? Indicator.ALL.get(0) : available.get(0);
        RankingSimilarityView.Ceiling noiseCeiling = RankingVerdict.ceiling(ceiling, c);
        RankingSimilarityView.Scatter scatter =
                scatter(rows, x, indicatorScorings.get(0), seedDeltaM, c, choice, noiseCeiling);

        List<String> notes = new ArrayList<>();
        long withLogs = rows.stream().filter(r -> !r.runs().isEmpty()).count();
        if (withLogs == 0) {
            notes.add(
                    "No run of this benchmark and backbone has a training log, so there are no indicators to "
                            + "compare with Δm yet. Indicators come from the training log of a run's manifest.");
        }
        List<Ref> present = backboneRefs.present(mtl(all));
        List<RankingSimilarityView.Reading> readings =
                IndicatorReadings.readings(join(indicators), noiseCeiling);
        return new RankingSimilarityView(
                scope,
                backboneRefs.of(backboneId),
                present,
                setting.setting(),
                setting.settings(),
                choice,
                Agreement.MIN_RELIABLE_METHODS,
                rows.size(),
                (int) withLogs,
                join(indicators),
                join(backbones),
                datasets,
                scatter,
                available,
                notes,
                noiseCeiling,
                readings,
                IndicatorReadings.readingSummary(readings, noiseCeiling, choice.label()));
    }

    /** The benchmark × benchmark heatmap; {@code own} are the rows of the scope's benchmark, read already. */
    private Heatmap datasets(Scope scope, List<AnalysisRow> own, Coefficient c) {
        List<AnalysisRow> rows = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Benchmark b : Benchmark.allByName()) {
            names.put(b.id, b.name);
            rows.addAll(
                    b.id.equals(scope.benchmark().id())
                            ? own
                            : data.rows(
                                    scope.with(new Ref(b.id, b.name), List.of(), scope.methods()),
                                    true));
        }
        return Heatmap.of(
                Scorings.deltaMByGroup(rows, AnalysisRow::benchmarkId),
                Scorings.seedDeltaMByGroup(rows, AnalysisRow::benchmarkId),
                names,
                c,
                "methods");
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static RankingSimilarityView.Scatter scatter(
            List<AnalysisRow> rows,
            Indicator x,
            Scoring deltaM,
            SeedScoring seedDeltaM,
            Coefficient c,
            CoefficientChoice choice,
            RankingSimilarityView.Ceiling ceiling) {
        List<RankingSimilarityView.Point> points = new ArrayList<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            var s = r.indicator(x.key());
            if (s.isPresent() && r.deltaM() != null) {
                points.add(RankingSimilarityView.Point.of(r, s.get()));
                values.put(r.key(), s.get().mean());
            }
        }
        Scoring indicator = new Scoring(x.key(), x.orientation(), values);
        Agreement agreement = RankingSimilarity.compare(indicator, deltaM, c);
        String message =
                points.size() >= Agreement.MIN_RELIABLE_METHODS
                        ? null
                        : "Too little data to conclude: "
                                + points.size()
                                + " row(s) have both a logged "
                                + x.label()
                                + " and a Δm; at least "
                                + Agreement.MIN_RELIABLE_METHODS
                                + " are needed.";
        List<Scoring> present = values.isEmpty() ? List.of() : List.of(indicator);
        List<SeedScoring> seeds = Scorings.seedIndicators(rows, present);
        Heatmap.IntervalView interval =
                seeds.isEmpty()
                        ? null
                        : Heatmap.IntervalView.of(
                                SeedBootstrap.interval(
                                        seeds.get(0),
                                        seedDeltaM,
                                        c,
                                        SeedBootstrap.DRAWS,
                                        20261204L));
        return new RankingSimilarityView.Scatter(
                x,
                points,
                agreement,
                message,
                interval,
                RankingVerdict.verdict(x, agreement, interval, ceiling, choice.label()));
    }

    private static List<AnalysisRow> mtl(List<AnalysisRow> rows) {
        return rows.stream().filter(r -> !r.singleTask()).toList();
    }
}
