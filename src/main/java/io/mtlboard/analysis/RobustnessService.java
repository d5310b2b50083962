package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.corruption.CorruptedDataset;
import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds the robustness analysis (METRICS.md §7) from the worker's corrupted-split measurements. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RobustnessService {

    /** The corruptions of METRICS.md §7, in the style of Hendrycks &amp; Dietterich: the ids the worker records. */
    public static final List<String> CORRUPTIONS =
            Stream.of(Corruption.values()).map(Corruption::id).toList();

    static final String SOURCE =
            "Metrics measured by the evaluation worker on corrupted copies of the whole test "
                    + "split (every corruption at severities 1–5, seed "
                    + CorruptedDataset.EVALUATION_SEED
                    + " for all runs; the latest completed evaluation of each run), relative to the clean "
                    + "measurement of the same evaluation";

    static final String PROTOCOL =
            "MTLBoard: the trained model, unchanged (no fine-tuning), evaluated on "
                    + Corruption.values().length
                    + " bundled corruptions ("
                    + Stream.of(Corruption.values())
                            .map(Corruption::label)
                            .collect(Collectors.joining(", "))
                    + ") at severities 1–5; δ_t as Elich et al. Eq. 26, negative = the multi-task model loses less";

    private final AnalysisData data;
    private final MtlboardConfig config;
    private volatile List<PublishedRobustness.Table> published;

    public RobustnessService(AnalysisData data, MtlboardConfig config) {
        this.data = data;
        this.config = config;
    }

    /** The analysis for the filter, on the default setting; see {@link #robustness(AnalysisFilter, String, String, String)}. */
    public RobustnessView robustness(AnalysisFilter filter, String metric, String corruption) {
        return robustness(filter, metric, corruption, null);
    }

    /**
     * The analysis within one setting (backbone × protocol): {@code setting}, or by default, among
     * the rows with corrupted-split measurements, the backbone with the most logged rows and its
     * setting with the most rows ({@link SettingChoice}); a model's drop is compared only with the
     * single-task row of its own setting, and the curves of one setting share one protocol. {@code
     * metric} defaults to the benchmark's first metric.
     */
    public RobustnessView robustness(
            AnalysisFilter filter, String metric, String corruption, String requestedSetting) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        if (scope.backbones().size() > 1) {
            checks.add(
                    "backbone",
                    "give one backbone; robustness is compared within one setting (backbone ×"
                            + " protocol)");
        }
        List<BenchmarkMetric> metrics =
                scope.benchmark() == null
                        ? List.of()
                        : Benchmark.byId(scope.benchmark().id()).orElseThrow().metrics();
        String metricKey =
                metrics.isEmpty()
                        ? null
                        : checks.one(
                                "metric",
                                metric,
                                metrics.stream().map(BenchmarkMetric::key).toList(),
                                metrics.get(0).key());
        // the measured corruptions are allowed values too, so the data is read before reporting
        List<AnalysisRow> all =
                scope.benchmark() == null || scope.backbones().size() > 1
                        ? List.of()
                        : data.rows(scope.with(scope.benchmark(), List.of(), scope.methods()));
        Map<Long, WorkerDiagnostics> diagnostics =
                data.diagnostics(all.stream().flatMap(r -> r.runIds().stream()).toList());
        // the page opens on, and offers, the settings with measurements of a backbone that has some
        List<AnalysisRow> measuredRows =
                all.stream().filter(r -> !runs(r, diagnostics).isEmpty()).toList();
        String backboneId =
                SettingChoice.backbone(
                        scope.backbones(),
                        requestedSetting,
                        measuredRows.isEmpty() ? all : measuredRows);
        List<AnalysisRow> ofBackbone =
                measuredRows.stream().filter(r -> r.backboneId().equals(backboneId)).toList();
        SettingChoice.Chosen setting =
                SettingChoice.select(
                        ofBackbone.isEmpty()
                                ? all.stream()
                                        .filter(r -> r.backboneId().equals(backboneId))
                                        .toList()
                                : ofBackbone,
                        requestedSetting,
                        backboneId,
                        "the robustness analysis");
        List<AnalysisRow> rows =
                all.stream()
                        .filter(
                                r ->
                                        setting.setting() != null
                                                && SettingChoice.of(r)
                                                        .equals(setting.setting().id()))
                        .toList();
        Map<String, Integer> measured = new TreeMap<>();
        rows.stream()
                .flatMap(r -> runs(r, diagnostics).stream())
                .forEach(
                        d ->
                                d.corrupted()
                                        .keySet()
                                        .forEach(
                                                c ->
                                                        measured.merge(
                                                                c.corruption(), 1, Integer::sum)));
        Set<String> corruptions = new LinkedHashSet<>(measured.keySet());
        corruptions.addAll(CORRUPTIONS);
        // by default the corruption measured most often, so that the curves have the most points
        String mostMeasured =
                measured.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(CORRUPTIONS.get(0));
        String chosen =
                checks.one("corruption", corruption, List.copyOf(corruptions), mostMeasured);
        checks.done("the robustness analysis");

        BenchmarkMetric m =
                metrics.stream().filter(x -> x.key().equals(metricKey)).findFirst().orElseThrow();
        Orientation o = Orientation.of(m.higherIsBetter);
        List<RobustnessView.Series> series = new ArrayList<>();
        List<RobustnessView.Delta> deltas = new ArrayList<>();
        for (AnalysisRow r : rows) {
            List<WorkerDiagnostics> runs = runs(r, diagnostics);
            List<CorruptionCurves.SeverityDrop> drops =
                    CorruptionCurves.drops(runs, metricKey, chosen, o);
            if (!drops.isEmpty()) {
                series.add(
                        new RobustnessView.Series(
                                r.key(),
                                r.label(),
                                r.methodId(),
                                r.singleTask(),
                                runs.size(),
                                drops));
            }
            if (!r.singleTask() && !runs.isEmpty()) {
                var stl = baseline(r, rows, diagnostics, metricKey);
                if (stl.isPresent()) {
                    List<WorkerDiagnostics> stlRuns = runs(stl.get(), diagnostics);
                    Double delta = CorruptionCurves.delta(runs, stlRuns, metricKey, o);
                    SeedBootstrap.Interval interval =
                            delta == null
                                    ? null
                                    : CorruptionCurves.deltaInterval(
                                            runs,
                                            stlRuns,
                                            metricKey,
                                            o,
                                            SeedBootstrap.DRAWS,
                                            20261206L);
                    String reading = delta == null ? null : RobustnessView.Delta.reading(interval);
                    deltas.add(
                            new RobustnessView.Delta(
                                    r.key(),
                                    r.label(),
                                    r.methodId(),
                                    new Ref(r.backboneId(), r.backboneName()),
                                    stl.get().key(),
                                    delta,
                                    interval == null ? null : interval.low(),
                                    interval == null ? null : interval.high(),
                                    reading,
                                    reading == null ? null : RobustnessView.Delta.text(reading),
                                    CorruptionCurves.sharedConditions(runs, stlRuns, metricKey)));
                }
            }
        }
        String message = null;
        if (measured.isEmpty()) {
            message =
                    "No data yet: the worker has not measured any run of this benchmark on corrupted test splits. "
                            + "Nothing is shown until it does; no numbers are estimated.";
        } else if (series.stream().filter(s -> !s.singleTask()).count() < 2 || deltas.isEmpty()) {
            message =
                    "Too little data to conclude: robustness needs corrupted-split measurements of several MTL rows "
                            + "and of the single-task row of the same backbone.";
        }
        BackboneRefs backbones = BackboneRefs.load();
        return new RobustnessView(
                scope,
                backboneId == null ? null : backbones.of(backboneId),
                backbones.present(all),
                setting.setting(),
                setting.settings(),
                SOURCE,
                metrics.stream().map(RobustnessService::metric).toList(),
                metric(m),
                List.copyOf(corruptions),
                corruptions.stream()
                        .collect(
                                Collectors.toMap(
                                        c -> c,
                                        Corruption::labelOf,
                                        (a, b) -> a,
                                        LinkedHashMap::new)),
                chosen,
                series,
                deltas,
                deltaSummary(deltas),
                message,
                List.of(),
                PROTOCOL,
                scope.benchmark() == null ? List.of() : published(scope.benchmark().id()),
                published().stream().map(t -> t.ref().benchmark()).distinct().sorted().toList());
    }

    /** How many rows degrade less, more, or within seed noise of their single-task row. */
    static String deltaSummary(List<RobustnessView.Delta> deltas) {
        Map<String, Long> counts =
                deltas.stream()
                        .filter(d -> d.reading() != null)
                        .collect(
                                Collectors.groupingBy(
                                        RobustnessView.Delta::reading, Collectors.counting()));
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        if (all == 0) {
            return null;
        }
        long less = counts.getOrDefault(RobustnessView.Delta.LESS, 0L);
        long more = counts.getOrDefault(RobustnessView.Delta.MORE, 0L);
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "Of %d multi-task rows, %d degrade less than their single-task row"
                                        + " beyond seed noise, %d more, and %d within seed noise (the"
                                        + " 95 %% interval of δ_t includes 0)",
                                all,
                                less,
                                more,
                                counts.getOrDefault(RobustnessView.Delta.NOISE, 0L)));
        long one = counts.getOrDefault(RobustnessView.Delta.ONE_SEED, 0L);
        if (one > 0) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "; %d rest on one run on each side and are not tested against seed"
                                    + " noise",
                            one));
        }
        String chance = ChanceFindings.sentence((int) (all - one), (int) (less + more), "rows");
        if (chance != null) {
            b.append(". ").append(chance);
        }
        return b.append('.').toString();
    }

    private static RobustnessView.Metric metric(BenchmarkMetric m) {
        return new RobustnessView.Metric(
                m.key(), m.title, m.task.name + " " + m.title, m.higherIsBetter);
    }

    /** The benchmarks with published robustness tables. */
    Set<String> publishedBenchmarks() {
        return published().stream()
                .map(t -> t.ref().benchmark())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The published tables of one benchmark, as printed. */
    private List<RobustnessView.PublishedTable> published(String benchmark) {
        return published().stream()
                .filter(t -> t.ref().benchmark().equals(benchmark))
                .map(
                        t ->
                                new RobustnessView.PublishedTable(
                                        t.ref().table(),
                                        t.ref().quantity(),
                                        t.publication().citation(),
                                        t.publication().paper(),
                                        t.publication().protocol(),
                                        t.publication().signConvention(),
                                        t.metrics(),
                                        t.rows().stream()
                                                .map(
                                                        r ->
                                                                new RobustnessView.PublishedRow(
                                                                        r.network(),
                                                                        t.publication()
                                                                                .networks()
                                                                                .get(r.network()),
                                                                        r.method(),
                                                                        r.values(),
                                                                        r.mean()))
                                                .toList()))
                .toList();
    }

    private List<PublishedRobustness.Table> published() {
        List<PublishedRobustness.Table> tables = published;
        if (tables == null) {
            tables = PublishedRobustness.load(Path.of(config.benchmarksDir(), "robustness"));
            published = tables;
        }
        return tables;
    }

    private static List<WorkerDiagnostics> runs(
            AnalysisRow r, Map<Long, WorkerDiagnostics> diagnostics) {
        return r.runIds().stream()
                .map(diagnostics::get)
                .filter(Objects::nonNull)
                .filter(d -> !d.corrupted().isEmpty())
                .toList();
    }

    /**
     * The single-task row an MTL row is compared with: same setting (backbone × protocol: a model
     * trained under another protocol is not its baseline) and measured under corruption; the same
     * optimizer and source preferred.
     */
    static Optional<AnalysisRow> baseline(
            AnalysisRow r,
            List<AnalysisRow> rows,
            Map<Long, WorkerDiagnostics> diagnostics,
            String metric) {
        return rows.stream()
                .filter(AnalysisRow::singleTask)
                .filter(s -> s.backboneId().equals(r.backboneId()))
                .filter(s -> SettingChoice.of(s).equals(SettingChoice.of(r)))
                .filter(
                        s ->
                                runs(s, diagnostics).stream()
                                        .anyMatch(
                                                d ->
                                                        d.corrupted().values().stream()
                                                                .anyMatch(
                                                                        v ->
                                                                                v.containsKey(
                                                                                        metric))))
                .min(
                        Comparator.comparingInt(
                                        (AnalysisRow s) ->
                                                s.optimizer().equals(r.optimizer()) ? 0 : 1)
                                .thenComparingInt(s -> s.source().equals(r.source()) ? 0 : 1)
                                .thenComparing(AnalysisRow::key));
    }
}
