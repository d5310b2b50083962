package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.analysis.ranking.SeedScoring;
import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Ref;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        String backboneId =
                scope.backbones().isEmpty()
                        ? AnalysisData.defaultBackbone(mtl(all))
                        : scope.backbones().get(0);
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
        Map<String, String> backboneNames = new HashMap<>();
        Backbone.allById().forEach(b -> backboneNames.put(b.id, b.name));
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
        RankingSimilarityView.Ceiling noiseCeiling =
                ceiling == null
                        ? null
                        : new RankingSimilarityView.Ceiling(
                                ceiling.value(),
                                ceiling.low(),
                                ceiling.high(),
                                ceiling.entries(),
                                ceiling.splits());
        RankingSimilarityView.Scatter scatter =
                scatter(rows, x, indicatorScorings.get(0), seedDeltaM, c, choice, noiseCeiling);

        List<String> notes = new ArrayList<>();
        long withLogs = rows.stream().filter(r -> !r.runs().isEmpty()).count();
        if (withLogs == 0) {
            notes.add(
                    "No run of this benchmark and backbone has a training log, so there are no indicators to "
                            + "compare with Δm yet. Indicators come from the training log of a run's manifest.");
        }
        List<Ref> present =
                mtl(all).stream()
                        .map(AnalysisRow::backboneId)
                        .distinct()
                        .sorted()
                        .map(id -> new Ref(id, backboneNames.getOrDefault(id, id)))
                        .toList();
        return new RankingSimilarityView(
                scope,
                backboneId == null
                        ? null
                        : new Ref(backboneId, backboneNames.getOrDefault(backboneId, backboneId)),
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
                noiseCeiling);
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
                points.add(
                        new RankingSimilarityView.Point(
                                r.key(),
                                r.label(),
                                r.methodId(),
                                s.get().mean(),
                                s.get().std(),
                                r.deltaM().mean(),
                                r.deltaM().std(),
                                s.get().n()));
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
                verdict(x, agreement, interval, ceiling, choice.label()));
    }

    /** Whether the indicator agrees with test Δm beyond seed noise and beyond the noise ceiling, in words. */
    static String verdict(
            Indicator x,
            Agreement a,
            Heatmap.IntervalView interval,
            RankingSimilarityView.Ceiling ceiling,
            String coefficient) {
        String ceilingText;
        if (a.value() == null || a.unreliable()) {
            return "Too few rows (n = "
                    + a.n()
                    + ") to say whether "
                    + x.label()
                    + " agrees with test performance.";
        }
        String value = String.format(Locale.ROOT, "%s = %.2f", coefficient, a.value());
        String range =
                interval == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", 95 %% interval [%.2f, %.2f] "
                                        + "from resampling seeds within rows",
                                interval.low(),
                                interval.high());
        if (ceiling != null && ceiling.rows() < Agreement.MIN_RELIABLE_METHODS) {
            // a ceiling over fewer rows than any coefficient needs says nothing: leave it out
            ceilingText =
                    "no noise ceiling yet (only "
                            + ceiling.rows()
                            + " row(s) have two or more seeds; it needs "
                            + Agreement.MIN_RELIABLE_METHODS
                            + ")";
            ceiling = null;
        } else {
            ceilingText = null;
        }
        if (ceilingText == null) {
            ceilingText =
                    ceiling == null
                            ? "no noise ceiling (it needs rows with at least two seeds)"
                            : String.format(
                                    Locale.ROOT,
                                    "the noise ceiling (test Δm against itself between halves of "
                                            + "the seeds) is %.2f",
                                    ceiling.value());
        }
        if (interval != null && interval.includesZero()) {
            return x.label()
                    + " does not agree with test performance beyond seed noise ("
                    + value
                    + range
                    + ": the interval includes 0); "
                    + ceilingText
                    + ".";
        }
        String direction = a.value() > 0 ? "ranks methods like" : "ranks methods opposite to";
        if (ceiling == null) {
            return x.label()
                    + " "
                    + direction
                    + " test performance beyond seed noise ("
                    + value
                    + range
                    + "); "
                    + ceilingText
                    + ".";
        }
        double low = interval == null ? a.value() : interval.low();
        double high = interval == null ? a.value() : interval.high();
        String relation =
                low > ceiling.value()
                        ? "beyond the noise ceiling: it agrees with test Δm more than half "
                                + "of Δm's own seeds agree with the other half"
                        : high < ceiling.value()
                                ? "below the noise ceiling: test Δm's own seeds agree with each other more "
                                        + "than the indicator agrees with them"
                                : "within reach of the noise ceiling: the interval includes it";
        return x.label()
                + " "
                + direction
                + " test performance beyond seed noise ("
                + value
                + range
                + ") and "
                + relation
                + " ("
                + ceilingText
                + ").";
    }

    private static List<AnalysisRow> mtl(List<AnalysisRow> rows) {
        return rows.stream().filter(r -> !r.singleTask()).toList();
    }
}
