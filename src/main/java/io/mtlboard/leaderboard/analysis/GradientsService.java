package io.mtlboard.leaderboard.analysis;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.leaderboard.SeedStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the gradient analysis (METRICS.md §3; Elich et al., arXiv 2311.04698) of a benchmark and backbone. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class GradientsService {

    /** Indicators whose inter-task and inter-sample distributions can be compared. */
    public static final List<String> COMPARED = List.of("cosine", "magnitudeSimilarity");
    static final int BINS = 20;
    static final int MIN_RUNS = 5;

    private final AnalysisData data;

    public GradientsService(AnalysisData data) {
        this.data = data;
    }

    /**
     * The analysis for the filter: {@code backbone} takes at most one value (default: the backbone
     * with the most logged rows), {@code method} chooses the rows shown (default: all); {@code level}
     * defaults to the level with the most logged rows.
     */
    public GradientsView gradients(AnalysisFilter filter, String level, String indicator) {
        Checks checks = new Checks();
        Scope scope = checks.scope(filter, null);
        if (scope.backbones().size() > 1) {
            checks.add("backbone", "give one backbone; gradient indicators are compared between rows of one backbone");
        }
        String requestedLevel = checks.one("level", level, TrainingLogs.LEVELS, null);
        String ind = checks.one("indicator", indicator, COMPARED, "cosine");
        checks.done("the gradient analysis");

        List<AnalysisRow> all = data.rows(scope.with(scope.benchmark(), List.of(), List.of())).stream()
                .filter(r -> !r.singleTask()).toList();
        String backboneId = scope.backbones().isEmpty() ? AnalysisData.defaultBackbone(all) : scope.backbones().get(0);
        List<AnalysisRow> onBackbone = all.stream().filter(r -> r.backboneId().equals(backboneId)).toList();
        List<AnalysisRow> rows = onBackbone.stream()
                .filter(r -> scope.methods().isEmpty() || scope.methods().contains(r.methodId())).toList();
        List<String> levels = TrainingLogs.LEVELS.stream().filter(l -> logged(rows, l) > 0).toList();
        String lv = requestedLevel != null ? requestedLevel
                : logged(rows, "feature") > logged(rows, "param") ? "feature" : "param";

        List<GradientsView.Curve> curves = new ArrayList<>();
        for (AnalysisRow r : rows) {
            List<EpochStat> cosine = r.curve(lv + ".interTask.cosine");
            List<EpochStat> magnitude = r.curve(lv + ".interTask.magnitudeSimilarity");
            if (!cosine.isEmpty() || !magnitude.isEmpty()) {
                curves.add(new GradientsView.Curve(r.key(), r.label(), r.methodId(), r.runs().size(), cosine,
                        magnitude));
            }
        }
        Map<String, LeaderboardView.Ref> methods = new java.util.LinkedHashMap<>();
        onBackbone.stream().filter(r -> !r.runs().isEmpty())
                .forEach(r -> methods.putIfAbsent(r.methodId(), new LeaderboardView.Ref(r.methodId(), r.methodName())));
        List<String> notes = new ArrayList<>();
        if (curves.isEmpty()) {
            notes.add("No run shown logged inter-task gradient indicators at the " + lv + " level yet "
                    + "(indicators." + lv + ".interTask in the trainingLog of run manifests).");
        }
        Map<String, String> names = new HashMap<>();
        Backbone.allById().forEach(b -> names.put(b.id, b.name));
        List<LeaderboardView.Ref> present = all.stream().map(AnalysisRow::backboneId).distinct().sorted()
                .map(id -> new LeaderboardView.Ref(id, names.getOrDefault(id, id))).toList();
        return new GradientsView(scope, backboneId == null ? null
                : new LeaderboardView.Ref(backboneId, names.getOrDefault(backboneId, backboneId)), present,
                List.copyOf(methods.values()), lv, levels, ind, curves, comparison(rows, lv, ind), notes);
    }

    static GradientsView.Comparison comparison(List<AnalysisRow> rows, String level, String indicator) {
        String taskKey = level + ".interTask." + indicator;
        String sampleKey = level + ".interSample." + indicator;
        double min = indicator.equals("cosine") ? -1 : 0;
        GradientsView.Distribution task = distribution(rows, taskKey, min);
        GradientsView.Distribution sample = distribution(rows, sampleKey, min);
        List<GradientsView.PairPoint> pairs = new ArrayList<>();
        for (AnalysisRow r : rows) {
            var t = r.indicator(taskKey);
            var s = r.indicator(sampleKey);
            if (t.isPresent() && s.isPresent()) {
                pairs.add(new GradientsView.PairPoint(r.key(), r.label(), r.methodId(), Stats.of(t), Stats.of(s)));
            }
        }
        String label = Indicator.byKey(taskKey).orElseThrow().label().replaceFirst(" \\(.*", "");
        String message = null;
        if (sample.runs() == 0 || task.runs() == 0) {
            message = "No data yet: no run shown logged " + (task.runs() == 0 ? "inter-task" : "inter-sample") + " "
                    + label + " at the " + level + " level, so the two distributions cannot be compared.";
        } else if (Math.min(task.runs(), sample.runs()) < MIN_RUNS) {
            message = "Too little data to conclude: " + task.runs() + " run(s) logged the inter-task and "
                    + sample.runs() + " the inter-sample " + label + "; at least " + MIN_RUNS + " each are needed.";
        }
        return new GradientsView.Comparison(indicator, label, task, sample, pairs, message);
    }

    private static GradientsView.Distribution distribution(List<AnalysisRow> rows, String key, double min) {
        List<Double> values = new ArrayList<>();
        int runs = 0;
        for (AnalysisRow r : rows) {
            values.addAll(r.epochValues(key));
            runs += (int) r.runs().stream().filter(s -> s.indicators().containsKey(key)).count();
        }
        return new GradientsView.Distribution(Histogram.of(values, min, 1, BINS),
                values.isEmpty() ? null : Stats.of(SeedStats.of(values)), runs);
    }

    private static long logged(List<AnalysisRow> rows, String level) {
        return rows.stream().filter(r -> r.runs().stream().anyMatch(s -> s.indicators().keySet().stream()
                .anyMatch(k -> k.startsWith(level + ".")))).count();
    }
}
