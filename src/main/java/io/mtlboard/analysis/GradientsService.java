package io.mtlboard.analysis;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.leaderboard.SeedStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Builds the gradient analysis (METRICS.md §3; Elich et al., arXiv 2311.04698) of a benchmark and backbone. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class GradientsService {

    /** Indicators whose inter-task and inter-sample distributions can be compared. */
    public static final List<String> COMPARED = List.of("cosine", "magnitudeSimilarity");

    /** How finely gradients are compared: per sample (Elich et al.) or per batch. */
    public static final List<String> GRANULARITIES = List.of("per-sample", "batch");

    static final Map<String, String> DEFINITIONS =
            Map.of(
                    "per-sample",
                            "per sample, as Elich et al. (arXiv 2311.04698, App. A3.2) measure: inter-task compares two "
                                    + "tasks' gradients on one and the same sample, inter-sample one task's gradients on two different "
                                    + "samples of the batch; up to 8 samples drawn per measured step; at the parameter level gradients "
                                    + "of the shared parameters, at the feature level each sample's gradient of its own shared "
                                    + "representation",
                    "batch",
                            "per batch: inter-task compares the tasks' gradients of the whole batch, inter-sample one task's "
                                    + "gradients on the two halves of the batch (averaged over tasks); coarser than Elich et al.'s "
                                    + "per-sample comparison");
    static final int BINS = 20;
    static final int MIN_RUNS = 5;

    private final AnalysisData data;

    public GradientsService(AnalysisData data) {
        this.data = data;
    }

    /**
     * The analysis for the filter: {@code backbone} takes at most one value (default: the backbone
     * with the most logged rows), {@code method} chooses the rows shown (default: all); {@code level}
     * defaults to the level with the most logged rows; {@code granularity} to per-sample when some row
     * logged per-sample indicators at that level, else batch.
     */
    public GradientsView gradients(
            AnalysisFilter filter, String level, String indicator, String granularity) {
        return gradients(filter, level, indicator, granularity, null);
    }

    /**
     * The analysis within one setting (backbone × protocol) of the backbone: {@code setting}, or
     * by default the backbone's setting with the most rows ({@link SettingChoice}); the
     * distributions pool the rows of that setting only.
     */
    public GradientsView gradients(
            AnalysisFilter filter,
            String level,
            String indicator,
            String granularity,
            String requestedSetting) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        if (scope.backbones().size() > 1) {
            checks.add(
                    "backbone",
                    "give one backbone; gradient indicators are compared between rows of one backbone");
        }
        String requestedLevel = checks.one("level", level, TrainingLogs.LEVELS, null);
        String ind = checks.one("indicator", indicator, COMPARED, "cosine");
        String requestedGranularity = checks.one("granularity", granularity, GRANULARITIES, null);
        checks.done("the gradient analysis");

        List<AnalysisRow> all =
                data.rows(scope.with(scope.benchmark(), List.of(), List.of())).stream()
                        .filter(r -> !r.singleTask())
                        .toList();
        String backboneId = SettingChoice.backbone(scope.backbones(), requestedSetting, all);
        List<AnalysisRow> ofBackbone =
                all.stream().filter(r -> r.backboneId().equals(backboneId)).toList();
        SettingChoice.Chosen setting =
                SettingChoice.select(
                        ofBackbone, requestedSetting, backboneId, "the gradient analysis");
        List<AnalysisRow> inSetting = setting.rows();
        List<AnalysisRow> rows =
                inSetting.stream()
                        .filter(
                                r ->
                                        scope.methods().isEmpty()
                                                || scope.methods().contains(r.methodId()))
                        .toList();
        List<String> levels =
                TrainingLogs.LEVELS.stream().filter(l -> logged(rows, l + ".")).toList();
        String lv =
                requestedLevel != null
                        ? requestedLevel
                        : logged(rows.stream(), "feature.") > logged(rows.stream(), "param.")
                                ? "feature"
                                : "param";

        List<String> granularities =
                GRANULARITIES.stream()
                        .filter(g -> logged(rows, lv + "." + taskScope(g) + "."))
                        .toList();
        String gr =
                requestedGranularity != null
                        ? requestedGranularity
                        : granularities.contains("per-sample") ? "per-sample" : "batch";
        String taskScope = taskScope(gr);

        List<GradientsView.Curve> curves = new ArrayList<>();
        for (AnalysisRow r : rows) {
            List<EpochStat> cosine = r.curve(lv + "." + taskScope + ".cosine");
            List<EpochStat> magnitude = r.curve(lv + "." + taskScope + ".magnitudeSimilarity");
            if (!cosine.isEmpty() || !magnitude.isEmpty()) {
                curves.add(
                        new GradientsView.Curve(
                                r.key(),
                                r.label(),
                                r.methodId(),
                                r.runs().size(),
                                cosine,
                                magnitude));
            }
        }
        Map<String, Ref> methods = new LinkedHashMap<>();
        inSetting.stream()
                .filter(r -> !r.runs().isEmpty())
                .forEach(
                        r ->
                                methods.putIfAbsent(
                                        r.methodId(), new Ref(r.methodId(), r.methodName())));
        List<String> notes = new ArrayList<>();
        if (curves.isEmpty()) {
            notes.add(
                    "No run shown logged "
                            + gr
                            + " inter-task gradient indicators at the "
                            + (lv.equals("param") ? "parameter" : "feature (shared representation)")
                            + " level yet (they come from the training log of a run's manifest).");
        }
        if (gr.equals("batch") && granularities.contains("per-sample")) {
            notes.add(
                    "Shown: the batch-level indicators; some rows also logged Elich et al.'s per-sample ones "
                            + "(granularity=per-sample).");
        } else if (gr.equals("batch") && !curves.isEmpty()) {
            notes.add(
                    "Shown: the batch-level indicators, because no run shown logged per-sample ones; runs trained "
                            + "since per-sample logging was added carry both.");
        }
        BackboneRefs backbones = BackboneRefs.load();
        return new GradientsView(
                scope,
                backbones.of(backboneId),
                backbones.present(all),
                setting.setting(),
                setting.settings(),
                List.copyOf(methods.values()),
                lv,
                levels,
                ind,
                curves,
                comparison(rows, lv, ind, gr),
                notes,
                gr,
                granularities,
                DEFINITIONS.get(gr));
    }

    private static String taskScope(String granularity) {
        return granularity.equals("per-sample") ? "interTaskPerSample" : "interTask";
    }

    private static String sampleScope(String granularity) {
        return granularity.equals("per-sample") ? "interSamplePerSample" : "interSample";
    }

    static GradientsView.Comparison comparison(
            List<AnalysisRow> rows, String level, String indicator, String granularity) {
        String taskKey = level + "." + taskScope(granularity) + "." + indicator;
        String sampleKey = level + "." + sampleScope(granularity) + "." + indicator;
        double min = indicator.equals("cosine") ? -1 : 0;
        // one set of bins for both sides, fitted to their values within the indicator's domain
        List<Double> taskValues = epochValues(rows, taskKey);
        List<Double> sampleValues = epochValues(rows, sampleKey);
        Histogram.Range bins =
                Histogram.fitted(
                        Stream.concat(taskValues.stream(), sampleValues.stream()).toList(),
                        min,
                        1,
                        BINS);
        GradientsView.Distribution task = distribution(rows, taskKey, taskValues, bins);
        GradientsView.Distribution sample = distribution(rows, sampleKey, sampleValues, bins);
        List<GradientsView.PairPoint> pairs = new ArrayList<>();
        for (AnalysisRow r : rows) {
            var t = r.indicator(taskKey);
            var s = r.indicator(sampleKey);
            if (t.isPresent() && s.isPresent()) {
                pairs.add(
                        new GradientsView.PairPoint(
                                r.key(), r.label(), r.methodId(), Stats.of(t), Stats.of(s)));
            }
        }
        String label = Indicator.byKey(taskKey).orElseThrow().label().replaceFirst(" \\(.*", "");
        String message = null;
        if (sample.runs() == 0 || task.runs() == 0) {
            message =
                    "No data yet: no run shown logged "
                            + granularity
                            + " "
                            + (task.runs() == 0 ? "inter-task" : "inter-sample")
                            + " "
                            + label
                            + " at the "
                            + level
                            + " level, so the two distributions cannot be compared.";
        } else if (Math.min(task.runs(), sample.runs()) < MIN_RUNS) {
            message =
                    "Too little data to conclude: "
                            + task.runs()
                            + " run(s) logged the inter-task and "
                            + sample.runs()
                            + " the inter-sample "
                            + label
                            + "; at least "
                            + MIN_RUNS
                            + " each are needed.";
        }
        return new GradientsView.Comparison(indicator, label, task, sample, pairs, message);
    }

    private static List<Double> epochValues(List<AnalysisRow> rows, String key) {
        return rows.stream().flatMap(r -> r.epochValues(key).stream()).toList();
    }

    private static GradientsView.Distribution distribution(
            List<AnalysisRow> rows, String key, List<Double> values, Histogram.Range bins) {
        int runs = 0;
        for (AnalysisRow r : rows) {
            runs += (int) r.runs().stream().filter(s -> s.indicators().containsKey(key)).count();
        }
        return new GradientsView.Distribution(
                Histogram.of(values, bins),
                values.isEmpty() ? null : Stats.of(SeedStats.of(values)),
                runs);
    }

    /** Rows with some run whose indicators include a key starting with {@code prefix} (e.g. {@code param.}). */
    private static boolean logged(List<AnalysisRow> rows, String prefix) {
        return logged(rows.stream(), prefix) > 0;
    }

    private static long logged(Stream<AnalysisRow> rows, String prefix) {
        return rows.filter(
                        r ->
                                r.runs().stream()
                                        .anyMatch(
                                                s ->
                                                        s.indicators().keySet().stream()
                                                                .anyMatch(
                                                                        k -> k.startsWith(prefix))))
                .count();
    }
}
