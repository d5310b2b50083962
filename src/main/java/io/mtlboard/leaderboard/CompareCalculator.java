package io.mtlboard.leaderboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The arithmetic of the compare view: Δm per task, the better row per metric, mean efficiency. */
final class CompareCalculator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompareCalculator() {}

    /**
     * Δm per task (per-task convention, gain sign, %) of a row against its baseline row, from the
     * means of both; a task is absent when either row lacks all its metrics.
     */
    static Map<String, Double> perTask(
            List<LeaderboardView.MetricColumn> columns,
            LeaderboardView.LeaderboardRowView row,
            LeaderboardView.LeaderboardRowView baseline) {
        Map<String, List<DeltaM.Term>> byTask = new LinkedHashMap<>();
        for (LeaderboardView.MetricColumn c : columns) {
            LeaderboardView.Stat m = row.metrics().get(c.key());
            LeaderboardView.Stat b = baseline.metrics().get(c.key());
            byTask.computeIfAbsent(c.task(), k -> new ArrayList<>());
            if (m != null && b != null && b.mean() != 0.0) {
                byTask.get(c.task())
                        .add(new DeltaM.Term(c.task(), c.higherIsBetter(), m.mean(), b.mean()));
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        byTask.forEach(
                (task, terms) -> {
                    if (!terms.isEmpty()) {
                        out.put(task, DeltaM.of(terms).perTask());
                    }
                });
        return out;
    }

    /** Whether a manifest (JSON text) carries a training log with at least one epoch. */
    static boolean hasTrainingLog(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            return false;
        }
        try {
            JsonNode log = JSON.readTree(manifest).get("trainingLog");
            return log != null && log.isArray() && !log.isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Mean efficiency over the runs that measured it; null when none did. */
    static LeaderboardView.Efficiency efficiency(List<BoardRepository.RunExtra> runs) {
        Double parameters = mean(runs, x -> x.parameters() == null ? null : x.parameters() * 1.0);
        Double latency = mean(runs, BoardRepository.RunExtra::latencyMs);
        Double throughput = mean(runs, BoardRepository.RunExtra::throughput);
        int measured =
                (int)
                        runs.stream()
                                .filter(
                                        x ->
                                                x.parameters() != null
                                                        || x.latencyMs() != null
                                                        || x.throughput() != null)
                                .count();
        return measured == 0
                ? null
                : new LeaderboardView.Efficiency(parameters, latency, throughput, measured);
    }

    private static Double mean(
            List<BoardRepository.RunExtra> runs, Function<BoardRepository.RunExtra, Double> value) {
        List<Double> v = runs.stream().map(value).filter(Objects::nonNull).toList();
        return v.isEmpty() ? null : v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The keys of the rows with the best value (several on a tie); empty when no row has one. */
    static List<String> best(
            List<CompareView.CompareRow> rows,
            Function<CompareView.CompareRow, Double> value,
            boolean higherIsBetter) {
        Double best = null;
        for (CompareView.CompareRow r : rows) {
            Double v = value.apply(r);
            if (v != null && (best == null || (higherIsBetter ? v > best : v < best))) {
                best = v;
            }
        }
        List<String> keys = new ArrayList<>();
        if (best == null) {
            return keys;
        }
        for (CompareView.CompareRow r : rows) {
            if (best.equals(value.apply(r))) {
                keys.add(r.key());
            }
        }
        return keys;
    }

    /** A compared value: its mean and the half-width of its interval (null without one). */
    record Value(double mean, Double spread) {}

    /**
     * Whether the better value stands out from seed noise (METRICS.md §9, the leaderboard's rule
     * for sharing a rank): the best row is compared with every other row that has a value, and a
     * pair differs clearly when |difference| &gt; the sum of both spreads. {@link
     * CompareView#WITHIN_NOISE} when some pair does not (a tie included); otherwise {@link
     * CompareView#NOT_JUDGED} when a side of some pair has no spread (one seed, no printed std);
     * otherwise {@link CompareView#CLEAR}. Null when fewer than two rows have a value.
     */
    static String verdict(
            List<CompareView.CompareRow> rows,
            List<String> best,
            Function<CompareView.CompareRow, Value> value) {
        List<Value> winners = new ArrayList<>();
        List<Value> others = new ArrayList<>();
        for (CompareView.CompareRow r : rows) {
            Value v = value.apply(r);
            if (v != null) {
                (best.contains(r.key()) ? winners : others).add(v);
            }
        }
        if (winners.isEmpty() || winners.size() + others.size() < 2) {
            return null;
        }
        List<Value> rivals = new ArrayList<>(others);
        if (winners.size() > 1) {
            rivals.addAll(winners.subList(1, winners.size()));
        }
        Value w = winners.get(0);
        boolean unjudged = false;
        for (Value o : rivals) {
            if (w.spread() == null || o.spread() == null) {
                unjudged = true;
            } else if (Math.abs(w.mean() - o.mean()) <= w.spread() + o.spread()) {
                return CompareView.WITHIN_NOISE;
            }
        }
        return unjudged ? CompareView.NOT_JUDGED : CompareView.CLEAR;
    }

    static CompareView view(
            Ref benchmark,
            List<LeaderboardView.MetricColumn> columns,
            List<CompareView.CompareRow> rows) {
        Map<String, List<String>> best = new LinkedHashMap<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (LeaderboardView.MetricColumn c : columns) {
            Function<CompareView.CompareRow, Value> metric =
                    r -> {
                        LeaderboardView.Stat s = r.row().metrics().get(c.key());
                        return s == null ? null : new Value(s.mean(), s.std());
                    };
            List<String> keys =
                    best(
                            rows,
                            r -> {
                                Value v = metric.apply(r);
                                return v == null ? null : v.mean();
                            },
                            c.higherIsBetter());
            best.put(c.key(), keys);
            verdicts.put(c.key(), verdict(rows, keys, metric));
        }
        Map<String, List<String>> bestDeltaM = new LinkedHashMap<>();
        Map<String, String> deltaMVerdicts = new LinkedHashMap<>();
        for (boolean perTask : List.of(true, false)) {
            String convention = perTask ? "per-task" : "flat";
            List<String> keys = best(rows, r -> deltaM(r, perTask), true);
            bestDeltaM.put(convention, keys);
            deltaMVerdicts.put(convention, verdict(rows, keys, r -> deltaMValue(r, perTask)));
        }
        List<List<Long>> baselines =
                rows.stream()
                        .map(
                                r ->
                                        r.row().deltaM() == null
                                                        || r.row().deltaM().baseline() == null
                                                ? List.<Long>of()
                                                : r.row().deltaM().baseline().runIds())
                        .distinct()
                        .toList();
        boolean same = baselines.size() == 1 && !baselines.get(0).isEmpty();
        long settings = rows.stream().map(r -> r.row().setting().id()).distinct().count();
        String note;
        if (same) {
            note =
                    "All rows' Δm are against the same single-task baseline, so their Δm compare directly.";
        } else if (settings > 1) {
            note =
                    "These rows belong to "
                            + settings
                            + " different settings: each Δm is against the single-task baseline of its own"
                            + " setting, so the Δm of rows of different settings do not compare directly"
                            + " (their metrics do, when the test data are the same).";
        } else {
            note =
                    "These rows' Δm are against different single-task baselines (another optimizer's or"
                            + " another publication's, or none): compare them with care.";
        }
        List<String> tasks =
                columns.stream().map(LeaderboardView.MetricColumn::task).distinct().toList();
        return new CompareView(
                benchmark,
                columns,
                tasks,
                rows,
                best,
                bestDeltaM,
                verdicts,
                deltaMVerdicts,
                same,
                note);
    }

    /**
     * A row's Δm with its spread: the std over its seeds, or for a literature row the std its
     * publication printed as far as it is this convention's (DeltaMView#perTaskPrintedStd), or for
     * a single-seed row its setting's pooled seed std (as the leaderboard ranks).
     */
    private static Value deltaMValue(CompareView.CompareRow r, boolean perTask) {
        Double mean = deltaM(r, perTask);
        if (mean == null) {
            return null;
        }
        LeaderboardView.Stat s = perTask ? r.row().deltaM().perTask() : r.row().deltaM().flat();
        Double spread = s.std();
        LeaderboardView.DeltaMView d = r.row().deltaM();
        if (spread == null) {
            spread = perTask ? d.perTaskPrintedStd() : d.flatPrintedStd();
        }
        if (spread == null) {
            spread = perTask ? d.perTaskPooledStd() : d.flatPooledStd();
        }
        return new Value(mean, spread);
    }

    private static Double deltaM(CompareView.CompareRow r, boolean perTask) {
        LeaderboardView.DeltaMView d = r.row().deltaM();
        if (d == null) {
            return null;
        }
        LeaderboardView.Stat s = perTask ? d.perTask() : d.flat();
        return s == null ? null : s.mean();
    }
}
