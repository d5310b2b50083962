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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleUnaryOperator;

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
        RankingSimilarityView.Ceiling noiseCeiling = ceiling(ceiling, c);
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
        List<RankingSimilarityView.Reading> readings = readings(join(indicators), noiseCeiling);
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
                readingSummary(readings, noiseCeiling, choice.label()));
    }

    /** The view of a split-half noise ceiling, stepped up to all seeds where the coefficient allows. */
    static RankingSimilarityView.Ceiling ceiling(SeedBootstrap.Ceiling half, Coefficient c) {
        if (half == null) {
            return null;
        }
        // top-k overlap has no step-up: its ceiling stays the split-half agreement
        boolean stepped = c.stepUpFromHalves(half.value()) != null;
        DoubleUnaryOperator up = v -> stepped ? c.stepUpFromHalves(v) : v;
        return new RankingSimilarityView.Ceiling(
                up.applyAsDouble(half.value()),
                up.applyAsDouble(half.low()),
                up.applyAsDouble(half.high()),
                half.entries(),
                half.splits(),
                stepped,
                new RankingSimilarityView.SplitHalf(half.value(), half.low(), half.high()));
    }

    /**
     * Every indicator of {@code heatmap} (whose first axis is test Δm) against test Δm: its cell
     * and seed-bootstrap interval, read against seed noise and the noise ceiling; most agreeing
     * first, too-few-rows last.
     */
    static List<RankingSimilarityView.Reading> readings(
            Heatmap heatmap, RankingSimilarityView.Ceiling ceiling) {
        if (heatmap.axes().isEmpty() || !heatmap.axes().get(0).key().equals(Scorings.DELTA_M)) {
            return List.of();
        }
        boolean readableCeiling =
                ceiling != null && ceiling.rows() >= Agreement.MIN_RELIABLE_METHODS;
        List<RankingSimilarityView.Reading> out = new ArrayList<>();
        for (int j = 1; j < heatmap.axes().size(); j++) {
            Heatmap.Axis axis = heatmap.axes().get(j);
            Agreement a = heatmap.cells().get(0).get(j);
            Heatmap.IntervalView i =
                    heatmap.intervals() == null ? null : heatmap.intervals().get(0).get(j);
            String reading;
            String relation = null;
            String text;
            if (a.unreliable()) {
                reading = RankingSimilarityView.TOO_FEW;
                text = "too few rows (n = " + a.n() + ")";
            } else if (a.value() == null) {
                reading = RankingSimilarityView.UNDEFINED;
                text = "not defined: the rows tie on it (n = " + a.n() + ")";
            } else if (i == null) {
                reading = RankingSimilarityView.UNTESTED;
                text =
                        (a.value() < 0 ? "ranks rows opposite to" : "ranks rows like")
                                + " test Δm by point estimate (no seed interval: not tested against"
                                + " seed noise)";
            } else if (i.includesZero()) {
                reading = RankingSimilarityView.NOISE;
                text = "not told apart from seed noise (the interval includes 0" + i.caveat() + ")";
            } else if (a.value() < 0) {
                reading = RankingSimilarityView.OPPOSITE;
                text =
                        "ranks rows opposite to test Δm beyond seed noise"
                                + (!i.caveat().isEmpty()
                                        ? " (" + i.caveat().substring(2) + ")"
                                        : "");
            } else {
                reading = RankingSimilarityView.LIKE;
                text =
                        "ranks rows like test Δm beyond seed noise"
                                + (!i.caveat().isEmpty()
                                        ? " (" + i.caveat().substring(2) + ")"
                                        : "");
                if (readableCeiling) {
                    double low = i.low();
                    double high = i.high();
                    relation =
                            low > ceiling.value()
                                    ? "beyond"
                                    : high < ceiling.value() ? "below" : "within";
                    text +=
                            switch (relation) {
                                case "beyond" -> ", beyond the noise ceiling";
                                case "below" -> ", below the noise ceiling";
                                default -> ", within reach of the noise ceiling";
                            };
                }
            }
            out.add(
                    new RankingSimilarityView.Reading(
                            axis.key(), axis.label(), a, i, reading, relation, text));
        }
        out.sort(
                Comparator.comparing(
                                (RankingSimilarityView.Reading r) ->
                                        r.reading().equals(RankingSimilarityView.TOO_FEW)
                                                || r.reading()
                                                        .equals(RankingSimilarityView.UNDEFINED))
                        .thenComparing(
                                r -> r.agreement().value() == null ? 0 : -r.agreement().value()));
        return out;
    }

    /** The readings in one sentence: how many indicators agree, disagree, or are noise. */
    static String readingSummary(
            List<RankingSimilarityView.Reading> all,
            RankingSimilarityView.Ceiling ceiling,
            String coefficient) {
        // the training losses are reference predictors: counted apart from the indicators
        List<RankingSimilarityView.Reading> references =
                all.stream()
                        .filter(r -> Indicator.reference(r.key()))
                        .filter(r -> r.agreement().value() != null && !r.agreement().unreliable())
                        // the sum first, then the geometric mean
                        .sorted(
                                Comparator.comparing(
                                        (RankingSimilarityView.Reading r) ->
                                                !r.key().equals(Indicator.TRAINING_LOSS)))
                        .toList();
        List<RankingSimilarityView.Reading> readings =
                all.stream().filter(r -> !Indicator.reference(r.key())).toList();
        if (readings.isEmpty()) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        readings.forEach(r -> counts.merge(r.reading(), 1L, Long::sum));
        long like = counts.getOrDefault(RankingSimilarityView.LIKE, 0L);
        long opposite = counts.getOrDefault(RankingSimilarityView.OPPOSITE, 0L);
        long noise = counts.getOrDefault(RankingSimilarityView.NOISE, 0L);
        long few = counts.getOrDefault(RankingSimilarityView.TOO_FEW, 0L);
        long undefined = counts.getOrDefault(RankingSimilarityView.UNDEFINED, 0L);
        long untested = counts.getOrDefault(RankingSimilarityView.UNTESTED, 0L);
        StringBuilder b = new StringBuilder();
        if (untested > 0 && like + opposite + noise == 0) {
            // no interval anywhere: seed noise is unknown, so nothing is "beyond" it
            long likeByPoint =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.reading().equals(RankingSimilarityView.UNTESTED)
                                                    && r.agreement().value() > 0)
                            .count();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "No row has two or more runs, so seed noise cannot be estimated and no"
                                    + " indicator is tested against it: by point estimate, %d of %d"
                                    + " indicators rank the rows like test Δm and %d opposite to it",
                            likeByPoint,
                            readings.size(),
                            untested - likeByPoint));
        } else {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "Of %d indicators, %d rank the rows like test Δm beyond seed noise, %d"
                                    + " opposite to it, and %d cannot be told apart from seed noise",
                            readings.size(),
                            like,
                            opposite,
                            noise));
            if (untested > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "; %d have no seed interval (not tested against seed noise)",
                                untested));
            }
            long partial =
                    readings.stream()
                            .filter(r -> r.interval() != null && r.interval().singleRunRows() > 0)
                            .count();
            long standIn =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.interval() != null
                                                    && r.interval().singleRunRows() == 0
                                                    && r.interval().standInRows() > 0)
                            .count();
            if (partial > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (%d of the intervals are too narrow: some rows have one run and"
                                        + " add no seed spread)",
                                partial));
            } else if (standIn > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (%d of the intervals take the pooled seed std of the rows with two"
                                        + " or more runs for the rows with one)",
                                standIn));
            }
        }
        if (few > 0) {
            b.append(String.format(Locale.ROOT, "; %d have too few rows", few));
        }
        if (undefined > 0) {
            b.append(
                    String.format(
                            Locale.ROOT, "; %d are not defined (the rows tie on them)", undefined));
        }
        if (ceiling != null && ceiling.rows() >= Agreement.MIN_RELIABLE_METHODS) {
            long beyond = readings.stream().filter(r -> "beyond".equals(r.ceiling())).count();
            long within = readings.stream().filter(r -> "within".equals(r.ceiling())).count();
            RankingSimilarityView.Reading best =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.agreement().value() != null
                                                    && !r.agreement().unreliable())
                            .findFirst()
                            .orElse(null);
            b.append(
                    String.format(
                            Locale.ROOT,
                            ". Against the noise ceiling (%s = %.2f): %s",
                            coefficient,
                            ceiling.value(),
                            beyond > 0
                                    ? beyond
                                            + " beyond it"
                                            + (within > 0
                                                    ? ", " + within + " within reach of it"
                                                    : "")
                                    : within > 0
                                            ? "none beyond it, " + within + " within reach of it"
                                            : "none reaches it"));
            if (best != null && beyond == 0 && within == 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (the closest, %s, agrees at %.2f): seed noise leaves room for a"
                                        + " better predictor of test Δm",
                                best.label(),
                                best.agreement().value()));
            }
        } else {
            b.append("; no readable noise ceiling yet");
        }
        if (!references.isEmpty()) {
            List<String> clauses = new ArrayList<>();
            for (RankingSimilarityView.Reading r : references) {
                clauses.add(
                        String.format(
                                Locale.ROOT,
                                "%s %s at %s = %.2f%s",
                                r.key().equals(Indicator.TRAINING_LOSS)
                                        ? "the training loss (summed over tasks)"
                                        : clauses.isEmpty()
                                                ? "the training loss's geometric mean over tasks"
                                                        + " (unaffected by the tasks' loss scales)"
                                                : "its geometric mean over tasks (unaffected by"
                                                        + " the tasks' loss scales)",
                                referenceReading(r),
                                coefficient,
                                r.agreement().value(),
                                r.interval() == null
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                " [%.2f, %.2f]",
                                                r.interval().low(),
                                                r.interval().high())));
            }
            double best =
                    references.stream().mapToDouble(r -> r.agreement().value()).max().orElseThrow();
            long better =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.agreement().value() != null
                                                    && !r.agreement().unreliable()
                                                    && r.agreement().value() > best)
                            .count();
            b.append(". For reference, ")
                    .append(String.join("; ", clauses))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "; by point estimate, %d of the %d indicators rank the rows more"
                                            + " like test Δm than %s",
                                    better,
                                    readings.size(),
                                    references.size() == 1 ? "it does" : "either does"));
        }
        String chance =
                ChanceFindings.sentence(
                        (int) (like + opposite + noise), (int) (like + opposite), "indicators");
        if (chance != null) {
            b.append(". ").append(chance);
        }
        return b.append('.').toString();
    }

    /** How a reference predictor ranks the rows against test Δm, in words. */
    private static String referenceReading(RankingSimilarityView.Reading r) {
        return switch (r.reading()) {
            case RankingSimilarityView.LIKE -> "ranks the rows like test Δm beyond seed noise";
            case RankingSimilarityView.OPPOSITE ->
                    "ranks the rows opposite to test Δm beyond seed noise";
            case RankingSimilarityView.UNTESTED ->
                    r.agreement().value() > 0
                            ? "ranks the rows like test Δm (not tested against seed noise)"
                            : "ranks the rows opposite to test Δm (not tested against seed noise)";
            default -> "is not told apart from seed noise";
        };
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
                            : ceiling.steppedUp()
                                    ? String.format(
                                            Locale.ROOT,
                                            "the noise ceiling is %.2f: what a perfect predictor"
                                                    + " would reach against test Δm from all seeds,"
                                                    + " stepped up from %.2f between halves of the"
                                                    + " seeds",
                                            ceiling.value(),
                                            ceiling.splitHalf().value())
                                    : String.format(
                                            Locale.ROOT,
                                            "the noise ceiling (test Δm against itself between"
                                                    + " halves of the seeds) is %.2f",
                                            ceiling.value());
        }
        String direction = a.value() > 0 ? "ranks methods like" : "ranks methods opposite to";
        if (interval == null) {
            return x.label()
                    + " "
                    + direction
                    + " test performance by point estimate ("
                    + value
                    + "), but there is "
                    + Heatmap.NO_INTERVAL
                    + "; "
                    + ceilingText
                    + ".";
        }
        String caveat = interval.caveat();
        if (interval.includesZero()) {
            return x.label()
                    + " does not agree with test performance beyond seed noise ("
                    + value
                    + range
                    + ": the interval includes 0"
                    + caveat
                    + "); "
                    + ceilingText
                    + ".";
        }
        if (ceiling == null) {
            return x.label()
                    + " "
                    + direction
                    + " test performance beyond seed noise ("
                    + value
                    + range
                    + caveat
                    + "); "
                    + ceilingText
                    + ".";
        }
        double low = interval.low();
        double high = interval.high();
        String relation =
                low > ceiling.value()
                        ? "beyond the noise ceiling: it agrees with test Δm more than even a perfect "
                                + "predictor is expected to under this seed noise"
                        : high < ceiling.value()
                                ? "below the noise ceiling: seed noise leaves room for a better "
                                        + "predictor of test Δm"
                                : "within reach of the noise ceiling: the interval includes it";
        return x.label()
                + " "
                + direction
                + " test performance beyond seed noise ("
                + value
                + range
                + caveat
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
