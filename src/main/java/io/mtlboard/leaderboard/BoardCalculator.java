package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.RowSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups the runs of one benchmark into leaderboard rows and computes mean ± std per metric and Δm
 * against the single-task baseline of the row's setting. Pure: no database.
 *
 * <p>The rules (README, "Settings, ranks and seeds"):
 * <ul>
 * <li>A <em>setting</em> is backbone × protocol within the benchmark; a row is setting × method ×
 * optimizer × gradient level × source (literature rows also per publication).</li>
 * <li>Seeds count once: runs of a row that share a seed are averaged into one value before mean ±
 * std, and a later run of the same submitter with the same method, optimizer, level and seed
 * supersedes the earlier one (which leaves the board).</li>
 * <li>Δm is taken per seed against the means of the single-task ({@code stl}) row of the same setting
 * and optimizer, else of the setting's most trusted single-task row (marked: another optimizer).
 * A literature row may name the protocol its publication took the baseline from; it then keeps its
 * Δm but is {@link Role#CROSS_PROTOCOL}, not ranked by default.</li>
 * </ul>
 */
public final class BoardCalculator {

    private BoardCalculator() {}

    /** A metric column of the benchmark. */
    public record MetricInfo(String key, String task, boolean higherIsBetter) {}

    /** Δm as printed by a publication (gain sign), with its std and the note that explains a difference. */
    record Published(Double task, Double taskStd, Double flat, Double flatStd, String note) {

        static final Published NONE = new Published(null, null, null, null, null);

        boolean isEmpty() {
            return task == null && flat == null;
        }
    }

    /**
     * What the calculator needs to know of one run.
     *
     * @param seed the training seed of an MTLBoard run; null for literature rows
     * @param reportedSeeds for literature rows, the number of seeds the published mean is over
     * @param owner the token that submitted the run, null for imported runs
     */
    record RunFacts(
            long runId,
            String methodId,
            String methodName,
            String backboneId,
            String optimizer,
            String gradientLevel,
            RowSource source,
            Integer seed,
            Integer reportedSeeds,
            Long owner,
            String protocol,
            String baselineProtocol,
            String baselineOptimizer,
            String citation,
            Published published,
            Map<String, Double> values) {}

    /** How a row takes part in its setting's ranking. */
    enum Role {
        /** Evidence-backed, with a Δm against its own setting's baseline: ranked. */
        RANKED("ranked", null),
        /** A single-task row: the Δm = 0 line, never ranked. */
        BASELINE("baseline", "single-task baseline (Δm = 0), not a method"),
        /** Submitted numbers without a verified model: listed in their own section, never ranked. */
        CLAIMED("claimed", "claimed, unverified"),
        /** Δm against another publication's single-task row: shown, ranked only on request. */
        CROSS_PROTOCOL(
                "cross-protocol",
                "Δm against a single-task row of another protocol (another publication or training"
                        + " schedule)"),
        /** No single-task row in the setting, so no Δm. */
        NO_BASELINE("no-baseline", "no single-task baseline in this setting");

        private final String id;
        private final String reason;

        Role(String id, String reason) {
            this.id = id;
            this.reason = reason;
        }

        String id() {
            return id;
        }

        /** Why a row of this role has no rank; null for ranked rows. */
        String reason() {
            return reason;
        }
    }

    /** The single-task baseline a row's Δm was computed against. */
    record Baseline(
            List<Long> runIds,
            String citation,
            RowSource source,
            String optimizer,
            String protocol,
            Integer seeds,
            Map<String, Double> means) {}

    /** One aggregated row, before ranking and filtering. */
    record BoardRow(
            String settingId,
            String backboneId,
            String protocol,
            String methodId,
            String methodName,
            String optimizer,
            String gradientLevel,
            RowSource source,
            String citation,
            Integer seeds,
            List<Long> runIds,
            Map<String, SeedStats> metrics,
            SeedStats deltaMPerTask,
            SeedStats deltaMFlat,
            Baseline baseline,
            Role role,
            Published published) {

        /** Whether the baseline was trained with another optimizer than the row. */
        boolean otherOptimizerBaseline() {
            return baseline != null && !baseline.optimizer().equals(optimizer);
        }

        /** Whether the baseline belongs to another protocol than the row. */
        boolean crossProtocol() {
            return baseline != null && !baseline.protocol().equals(protocol);
        }
    }

    /** The id of a setting within a benchmark: {@code backbone@protocol}. */
    static String settingId(String backboneId, String protocol) {
        return backboneId + "@" + protocol;
    }

    static List<BoardRow> rows(List<MetricInfo> metrics, List<RunFacts> runs) {
        Map<List<Object>, List<RunFacts>> groups = new LinkedHashMap<>();
        for (RunFacts r : withoutSuperseded(runs)) {
            groups.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r);
        }
        Map<List<String>, Baseline> baselines = baselines(metrics, groups.values());
        List<BoardRow> rows = new ArrayList<>();
        for (List<RunFacts> group : groups.values()) {
            rows.add(row(metrics, group, baselineFor(group.get(0), baselines)));
        }
        return rows;
    }

    /** The baseline a group whose first run is {@code first} is compared with; null when there is none. */
    static Baseline baselineFor(RunFacts first, Map<List<String>, Baseline> baselines) {
        String protocol =
                first.baselineProtocol() != null ? first.baselineProtocol() : first.protocol();
        String optimizer =
                first.baselineOptimizer() != null ? first.baselineOptimizer() : first.optimizer();
        Baseline same = baselines.get(List.of(first.backboneId(), protocol, optimizer));
        if (same == null) {
            same = baselines.get(List.of(first.backboneId(), protocol));
        }
        if (same == null
                && first.baselineProtocol() == null
                && Protocols.MTLBOARD.equals(first.protocol())) {
            // a submission trained with its own pipeline, in a setting without its own
            // single-task row: Δm against the newest reference protocol's, marked as such
            same = baselines.get(List.of(first.backboneId(), REFERENCE, optimizer));
            if (same == null) {
                same = baselines.get(List.of(first.backboneId(), REFERENCE));
            }
        }
        return same;
    }

    /** Key part of the reference single-task rows a submission without its own falls back to. */
    private static final String REFERENCE = "reference protocol";

    /** Runs ids that a later run of the same submitter and seed replaces on the board. */
    static Set<Long> superseded(List<RunFacts> runs) {
        Map<List<Object>, Long> latest = new HashMap<>();
        for (RunFacts r : runs) {
            if (r.owner() != null && r.seed() != null) {
                latest.merge(
                        List.of(
                                r.owner(),
                                r.backboneId(),
                                r.methodId(),
                                r.optimizer(),
                                r.gradientLevel(),
                                r.seed()),
                        r.runId(),
                        Math::max);
            }
        }
        Set<Long> superseded = new HashSet<>();
        for (RunFacts r : runs) {
            if (r.owner() != null
                    && r.seed() != null
                    && latest.get(
                                    List.of(
                                            r.owner(),
                                            r.backboneId(),
                                            r.methodId(),
                                            r.optimizer(),
                                            r.gradientLevel(),
                                            r.seed()))
                            != r.runId()) {
                superseded.add(r.runId());
            }
        }
        return superseded;
    }

    private static List<RunFacts> withoutSuperseded(List<RunFacts> runs) {
        Set<Long> superseded = superseded(runs);
        return runs.stream().filter(r -> !superseded.contains(r.runId())).toList();
    }

    /** The row a run belongs to: setting × method × optimizer × gradient level × source (× publication). */
    static List<Object> key(RunFacts r) {
        String publication = r.source() == RowSource.LITERATURE ? r.citation() : "";
        return List.of(
                r.backboneId(),
                r.protocol(),
                r.methodId(),
                r.optimizer(),
                r.gradientLevel(),
                r.source(),
                publication);
    }

    /**
     * The single-task groups to compare with, per setting and optimizer (key {@code [backbone,
     * protocol, optimizer]}) and per setting alone (key {@code [backbone, protocol]}) for rows whose
     * optimizer has no single-task group. Among candidates the most trusted source wins, then the
     * one with the most seeds. A baseline must have every metric.
     */
    static Map<List<String>, Baseline> baselines(
            List<MetricInfo> metrics, Iterable<List<RunFacts>> groups) {
        Map<List<String>, List<RunFacts>> best = new LinkedHashMap<>();
        Comparator<List<RunFacts>> preference =
                Comparator.<List<RunFacts>>comparingInt(g -> g.get(0).source().tier())
                        .thenComparing(g -> -seeds(g).orElse(0));
        for (List<RunFacts> g : groups) {
            RunFacts first = g.get(0);
            if (!Method.SINGLE_TASK.equals(first.methodId())
                    || means(metrics, g).size() < metrics.size()) {
                continue;
            }
            for (List<String> key :
                    List.of(
                            List.of(first.backboneId(), first.protocol(), first.optimizer()),
                            List.of(first.backboneId(), first.protocol()))) {
                best.merge(key, g, (a, b) -> preference.compare(a, b) <= 0 ? a : b);
            }
            if (first.source() == RowSource.REFERENCE
                    && !Protocols.MTLBOARD.equals(first.protocol())) {
                Comparator<List<RunFacts>> newest =
                        Comparator.<List<RunFacts>>comparingInt(
                                        x -> -Protocols.version(x.get(0).protocol()))
                                .thenComparing(preference);
                for (List<String> key :
                        List.of(
                                List.of(first.backboneId(), REFERENCE, first.optimizer()),
                                List.of(first.backboneId(), REFERENCE))) {
                    best.merge(key, g, (a, b) -> newest.compare(a, b) <= 0 ? a : b);
                }
            }
        }
        Map<List<String>, Baseline> baselines = new LinkedHashMap<>();
        best.forEach(
                (key, g) ->
                        baselines.put(
                                key,
                                new Baseline(
                                        g.stream().map(RunFacts::runId).toList(),
                                        g.get(0).citation(),
                                        g.get(0).source(),
                                        g.get(0).optimizer(),
                                        g.get(0).protocol(),
                                        seeds(g).orElse(null),
                                        means(metrics, g))));
        return baselines;
    }

    private static Map<String, Double> means(List<MetricInfo> metrics, List<RunFacts> group) {
        Map<String, Double> means = new LinkedHashMap<>();
        List<Map<String, Double>> values = seedValues(group);
        for (MetricInfo m : metrics) {
            stats(m.key(), values).ifPresent(s -> means.put(m.key(), s.mean()));
        }
        return means;
    }

    /**
     * One value map per seed: runs that share a seed are averaged metric by metric; literature rows
     * and runs without a seed stand for themselves.
     */
    static List<Map<String, Double>> seedValues(List<RunFacts> group) {
        Map<Object, List<RunFacts>> bySeed = new LinkedHashMap<>();
        for (RunFacts r : group) {
            Object seed =
                    r.seed() == null || r.source() == RowSource.LITERATURE
                            ? "run " + r.runId()
                            : r.seed();
            bySeed.computeIfAbsent(seed, k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Double>> values = new ArrayList<>();
        for (List<RunFacts> same : bySeed.values()) {
            Map<String, List<Double>> collected = new LinkedHashMap<>();
            for (RunFacts r : same) {
                r.values()
                        .forEach(
                                (k, v) ->
                                        collected
                                                .computeIfAbsent(k, x -> new ArrayList<>())
                                                .add(v));
            }
            Map<String, Double> averaged = new LinkedHashMap<>();
            collected.forEach((k, v) -> averaged.put(k, SeedStats.of(v).mean()));
            values.add(averaged);
        }
        return values;
    }

    private static Optional<SeedStats> stats(String key, List<Map<String, Double>> seedValues) {
        List<Double> values =
                seedValues.stream().map(v -> v.get(key)).filter(v -> v != null).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(SeedStats.of(values));
    }

    static BoardRow row(List<MetricInfo> metrics, List<RunFacts> group, Baseline baseline) {
        RunFacts first = group.get(0);
        List<Map<String, Double>> seedValues = seedValues(group);
        Map<String, SeedStats> stats = new LinkedHashMap<>();
        for (MetricInfo m : metrics) {
            stats(m.key(), seedValues).ifPresent(s -> stats.put(m.key(), s));
        }
        List<Double> perTask = new ArrayList<>();
        List<Double> flat = new ArrayList<>();
        if (baseline != null) {
            for (Map<String, Double> values : seedValues) {
                deltaM(metrics, values, baseline)
                        .ifPresent(
                                d -> {
                                    perTask.add(d.perTask());
                                    flat.add(d.flat());
                                });
            }
        }
        boolean complete = !perTask.isEmpty() && perTask.size() == seedValues.size();
        Baseline used = complete ? baseline : null;
        // the baseline's own row: the same runs
        boolean itself =
                used != null
                        && new HashSet<>(used.runIds())
                                .equals(
                                        new HashSet<>(
                                                group.stream().map(RunFacts::runId).toList()));
        return new BoardRow(
                settingId(first.backboneId(), first.protocol()),
                first.backboneId(),
                first.protocol(),
                first.methodId(),
                first.methodName(),
                first.optimizer(),
                first.gradientLevel(),
                first.source(),
                first.citation(),
                seeds(group).orElse(null),
                group.stream().map(RunFacts::runId).toList(),
                stats,
                complete ? deltaMStats(perTask, itself) : null,
                complete ? deltaMStats(flat, itself) : null,
                used,
                role(first, used),
                first.published() == null ? Published.NONE : first.published());
    }

    /**
     * Mean and spread of the seeds' Δm; for the baseline's own row (the same runs) the mean is 0 by
     * definition, where the sum of its seeds' deviations from their mean leaves a rounding residue
     * such as 5e-15, while the std is the seeds' spread around the baseline.
     */
    private static SeedStats deltaMStats(List<Double> values, boolean itself) {
        SeedStats s = SeedStats.of(values);
        return itself ? new SeedStats(s.n(), 0.0, s.std()) : s;
    }

    private static Role role(RunFacts first, Baseline baseline) {
        if (Method.SINGLE_TASK.equals(first.methodId())) {
            return Role.BASELINE;
        }
        if (first.source() == RowSource.CLAIMED) {
            return Role.CLAIMED;
        }
        if (baseline == null) {
            return Role.NO_BASELINE;
        }
        return baseline.protocol().equals(first.protocol()) ? Role.RANKED : Role.CROSS_PROTOCOL;
    }

    /**
     * Seeds of a group: distinct seeds of MTLBoard runs, the published count of literature rows;
     * empty when a publication did not state its number of seeds.
     */
    static Optional<Integer> seeds(List<RunFacts> group) {
        if (group.get(0).source() == RowSource.LITERATURE) {
            if (group.stream().anyMatch(r -> r.reportedSeeds() == null)) {
                return Optional.empty();
            }
            return Optional.of(group.stream().mapToInt(RunFacts::reportedSeeds).sum());
        }
        return Optional.of(seedValues(group).size());
    }

    static Optional<DeltaM.Result> deltaM(
            List<MetricInfo> metrics, Map<String, Double> values, Baseline baseline) {
        return deltaM(metrics, values, baseline.means());
    }

    /** Δm of one value map against baseline means; empty when a metric is missing or a baseline is 0. */
    public static Optional<DeltaM.Result> deltaM(
            List<MetricInfo> metrics, Map<String, Double> values, Map<String, Double> baseline) {
        List<DeltaM.Term> terms = new ArrayList<>();
        for (MetricInfo m : metrics) {
            Double value = values.get(m.key());
            Double base = baseline.get(m.key());
            if (value == null || base == null || base == 0.0) {
                return Optional.empty();
            }
            terms.add(new DeltaM.Term(m.task(), m.higherIsBetter(), value, base));
        }
        return Optional.of(DeltaM.of(terms));
    }
}
