package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.SeedStats;
import io.mtlboard.run.RowSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the feature-disentanglement analysis (METRICS.md §4) of a benchmark and backbone. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class FeatureDisentanglementService {

    static final String FD = "fd.value";
    static final String SOURCE =
            "FD measured by the evaluation worker on the first 2,000 samples of the test split "
                    + "(the test-split FD of the latest completed evaluation), for artifacts that export encode(x) -> z and "
                    + "decode(z) -> task outputs";

    private final AnalysisData data;

    public FeatureDisentanglementService(AnalysisData data) {
        this.data = data;
    }

    /**
     * The analysis for the filter; {@code backbone} takes at most one value (default: the backbone
     * with the most logged rows) and {@code method} chooses the curves to overlay (default: all).
     */
    public FeatureDisentanglementView disentanglement(
            AnalysisFilter filter, String coefficient, String k) {
        return disentanglement(filter, coefficient, k, null);
    }

    /**
     * The analysis within one setting (backbone × protocol) of the backbone: {@code setting}, or
     * by default the backbone's setting with the most rows ({@link SettingChoice}).
     */
    public FeatureDisentanglementView disentanglement(
            AnalysisFilter filter, String coefficient, String k, String requestedSetting) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        CoefficientChoice choice = CoefficientChoice.parse(checks, coefficient, k);
        if (scope.backbones().size() > 1) {
            checks.add(
                    "backbone", "give one backbone; FD is compared between rows of one backbone");
        }
        checks.done("the feature-disentanglement analysis");

        // with each run's Δm: the seed bootstrap of the final-FD agreement resamples Δm and FD of
        // the same runs together
        List<AnalysisRow> all =
                data.rows(scope.with(scope.benchmark(), List.of(), List.of()), true).stream()
                        .filter(r -> !r.singleTask())
                        .toList();
        String backboneId = SettingChoice.backbone(scope.backbones(), requestedSetting, all);
        List<AnalysisRow> ofBackbone =
                all.stream().filter(r -> r.backboneId().equals(backboneId)).toList();
        SettingChoice.Chosen setting =
                SettingChoice.select(
                        ofBackbone,
                        requestedSetting,
                        backboneId,
                        "the feature-disentanglement analysis");
        List<AnalysisRow> rows = setting.rows();

        Map<String, Ref> methods = new LinkedHashMap<>();
        List<FeatureDisentanglementView.Curve> curves = new ArrayList<>();
        for (AnalysisRow r : rows) {
            List<EpochStat> curve = r.curve(FD);
            if (curve.isEmpty()) {
                continue;
            }
            methods.putIfAbsent(r.methodId(), new Ref(r.methodId(), r.methodName()));
            if (scope.methods().isEmpty() || scope.methods().contains(r.methodId())) {
                curves.add(
                        new FeatureDisentanglementView.Curve(
                                r.key(),
                                r.label(),
                                r.methodId(),
                                (int)
                                        r.runs().stream()
                                                .filter(s -> s.indicators().containsKey(FD))
                                                .count(),
                                curve));
            }
        }

        List<RankingSimilarityView.Point> finals = new ArrayList<>();
        Map<String, Double> finalValues = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            var last = r.lastValue(FD);
            if (last.isPresent() && r.deltaM() != null) {
                finals.add(RankingSimilarityView.Point.of(r, last.get()));
                finalValues.put(r.key(), last.get().mean());
            }
        }
        Agreement agreement =
                RankingSimilarity.compare(
                        new Scoring(
                                FD, Indicator.byKey(FD).orElseThrow().orientation(), finalValues),
                        Scorings.deltaM(rows),
                        choice.coefficient());
        // the agreement's 95 % interval from resampling each row's seeds (METRICS.md §5)
        Heatmap.IntervalView interval =
                agreement.value() == null || agreement.unreliable()
                        ? null
                        : Heatmap.IntervalView.of(
                                SeedBootstrap.interval(
                                        Scorings.seedLastValues(
                                                rows, Indicator.byKey(FD).orElseThrow()),
                                        Scorings.seedDeltaM(rows),
                                        choice.coefficient(),
                                        SeedBootstrap.DRAWS,
                                        20261204L));
        String finalsMessage =
                finals.size() >= Agreement.MIN_RELIABLE_METHODS
                        ? agreement.value() == null
                                ? null
                                : interval == null
                                        ? "By point estimate only: " + Heatmap.NO_INTERVAL + "."
                                        : interval.includesZero()
                                                ? "The 95 % interval includes 0: seed noise alone"
                                                        + " can produce this agreement"
                                                        + interval.caveat()
                                                        + "."
                                                : !interval.caveat().isEmpty()
                                                        ? "Beyond seed noise, but "
                                                                + interval.caveat().substring(2)
                                                                + "."
                                                        : null
                        : "Too little data to conclude: "
                                + finals.size()
                                + " row(s) have both a logged FD and a Δm; at least "
                                + Agreement.MIN_RELIABLE_METHODS
                                + " are needed.";

        List<String> notes = new ArrayList<>();
        if (methods.isEmpty()) {
            notes.add(
                    "No run of this benchmark and backbone logged FD during training yet (FD per epoch in the "
                            + "training log of a run's manifest).");
        }
        BackboneRefs backbones = BackboneRefs.load();
        return new FeatureDisentanglementView(
                scope,
                backbones.of(backboneId),
                backbones.present(all),
                setting.setting(),
                setting.settings(),
                choice,
                List.copyOf(methods.values()),
                curves,
                finals,
                agreement,
                interval,
                finalsMessage,
                measured(rows),
                notes);
    }

    private FeatureDisentanglementView.Measured measured(List<AnalysisRow> rows) {
        Map<Long, WorkerDiagnostics> diagnostics =
                data.diagnostics(rows.stream().flatMap(r -> r.runIds().stream()).toList());
        List<FeatureDisentanglementView.MeasuredRow> measured = new ArrayList<>();
        int referenceMissing = 0;
        int otherMissing = 0;
        for (AnalysisRow r : rows) {
            List<WorkerDiagnostics> runs =
                    r.runIds().stream()
                            .map(diagnostics::get)
                            .filter(Objects::nonNull)
                            .filter(d -> d.testFd() != null)
                            .toList();
            if (runs.isEmpty()) {
                if (RowSource.REFERENCE.id().equals(r.source())) {
                    referenceMissing++;
                } else {
                    otherMissing++;
                }
                continue;
            }
            List<Double> entropies =
                    runs.stream()
                            .map(WorkerDiagnostics::testFdMeanEntropy)
                            .filter(Objects::nonNull)
                            .toList();
            measured.add(
                    new FeatureDisentanglementView.MeasuredRow(
                            r.key(),
                            r.label(),
                            r.methodId(),
                            Stats.of(
                                    SeedStats.of(
                                            runs.stream().map(WorkerDiagnostics::testFd).toList())),
                            entropies.isEmpty() ? null : Stats.of(SeedStats.of(entropies)),
                            r.deltaM()));
        }
        return new FeatureDisentanglementView.Measured(
                SOURCE, measured, missingMessage(measured.size(), referenceMissing, otherMissing));
    }

    /**
     * Why rows have no test-split FD, or null when every row has it: reference rows whose bundles
     * predate the reference CLI's diagnostics, and other rows whose artifacts the worker could not
     * measure.
     */
    static String missingMessage(int measured, int referenceMissing, int otherMissing) {
        if (referenceMissing + otherMissing == 0) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        if (referenceMissing > 0) {
            reasons.add(
                    referenceMissing
                            + " reference row(s) whose bundles were trained before the reference CLI measured "
                            + "each model's diagnostics (a legacy schedule; retraining under the current protocol "
                            + "measures them)");
        }
        if (otherMissing > 0) {
            reasons.add(
                    otherMissing
                            + " row(s) whose artifacts the worker could not measure: FD needs a TorchScript "
                            + "artifact that exports encode(x) -> z and decode(z) -> task outputs");
        }
        return (measured == 0
                        ? "No data yet: no row of this setting has test-split FD: "
                        : "No test-split FD for "
                                + (referenceMissing + otherMissing)
                                + " of the "
                                + (measured + referenceMissing + otherMissing)
                                + " rows of this setting: ")
                + String.join("; ", reasons)
                + ".";
    }
}
