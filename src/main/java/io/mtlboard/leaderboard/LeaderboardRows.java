package io.mtlboard.leaderboard;

import io.mtlboard.benchmark.Protocols;
import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.Published;
import io.mtlboard.run.RowSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One aggregated board row as the view shows it ({@link LeaderboardView.LeaderboardRowView}): its
 * metrics, Δm in both conventions against its baseline, its rank or why it has none, its label
 * (the feature-level name of a method where it has one) and its label in the Δm chart.
 */
final class LeaderboardRows {

    private LeaderboardRows() {}

    static String chartLabel(Board board, BoardCalculator.BoardRow r) {
        String method = methodLabel(board, r);
        List<String> parts = new ArrayList<>(List.of(method));
        if ("feature".equals(r.gradientLevel()) && method.equals(r.methodName())) {
            // the feature-level row of a method without a name of its own beside its
            // parameter-level row: two bars must not read alike
            parts.add("feature level");
        }
        if (!"unreported".equals(r.optimizer())) {
            parts.add(r.optimizer());
        }
        if (r.source() != RowSource.LITERATURE) {
            parts.add(r.source().id());
        }
        return String.join(" · ", parts);
    }

    static LeaderboardView.Baseline baselineView(
            Board board, BoardCalculator.BoardRow r, BoardCalculator.Baseline b) {
        if (b == null) {
            return null;
        }
        Protocols.Protocol p = board.protocols().get(b.protocol());
        return new LeaderboardView.Baseline(
                b.runIds(),
                b.source().id(),
                b.citation(),
                b.optimizer(),
                b.protocol(),
                p == null ? b.protocol() : p.name(),
                !b.protocol().equals(r.protocol()),
                !b.optimizer().equals(r.optimizer()));
    }

    static String methodLabel(Board board, BoardCalculator.BoardRow r) {
        return "feature".equals(r.gradientLevel()) && board.featureNames().containsKey(r.methodId())
                ? board.featureNames().get(r.methodId())
                : r.methodName();
    }

    static LeaderboardView.LeaderboardRowView view(
            Board board,
            BoardCalculator.BoardRow r,
            Integer rank,
            LeaderboardView.BoardRank boardRank,
            Map<List<Long>, BoardCalculator.BoardRow> byRuns,
            Map<String, SeedNoise> taskNoise,
            Map<String, SeedNoise> flatNoise) {
        boolean coincide = board.conventionsCoincide();
        var metrics = new LinkedHashMap<String, LeaderboardView.Stat>();
        r.metrics().forEach((k, s) -> metrics.put(k, LeaderboardView.Stat.of(s)));
        BoardCalculator.BoardRow base =
                r.deltaMPerTask() == null || r.baseline() == null
                        ? null
                        : byRuns.get(r.baseline().runIds());
        LeaderboardView.DeltaMView deltaM =
                r.deltaMPerTask() == null
                        ? null
                        : new LeaderboardView.DeltaMView(
                                LeaderboardView.Stat.of(r.deltaMPerTask()),
                                LeaderboardView.Stat.of(r.deltaMFlat()),
                                "gain",
                                baselineView(board, r, r.baseline()),
                                SettingRanks.versusBaseline(
                                        r, base, DeltaM.Convention.PER_TASK, taskNoise, coincide),
                                SettingRanks.versusBaseline(
                                        r, base, DeltaM.Convention.FLAT, flatNoise, coincide),
                                SettingRanks.standIn(
                                        r, DeltaM.Convention.PER_TASK, taskNoise, coincide),
                                SettingRanks.standIn(
                                        r, DeltaM.Convention.FLAT, flatNoise, coincide),
                                DeltaM.printedStd(
                                        r.published().taskStd(),
                                        r.published().flatStd(),
                                        DeltaM.Convention.PER_TASK,
                                        coincide),
                                DeltaM.printedStd(
                                        r.published().taskStd(),
                                        r.published().flatStd(),
                                        DeltaM.Convention.FLAT,
                                        coincide));
        BoardCalculator.Published p = r.published();
        Published published =
                p.isEmpty()
                        ? null
                        : new Published(p.task(), p.taskStd(), p.flat(), p.flatStd(), p.note());
        String unranked =
                rank != null
                        ? null
                        : r.role() == BoardCalculator.Role.RANKED
                                ? "not ranked"
                                : r.role() == BoardCalculator.Role.CROSS_PROTOCOL
                                                && r.baseline() != null
                                        ? r.role().reason()
                                                + " ("
                                                + r.baseline().citation()
                                                + "); add crossProtocol=include to rank it"
                                        : r.role().reason();
        return new LeaderboardView.LeaderboardRowView(
                rank,
                new Ref(r.methodId(), r.methodName()),
                methodLabel(board, r),
                new Ref(
                        r.backboneId(),
                        board.backboneNames().getOrDefault(r.backboneId(), r.backboneId())),
                r.optimizer(),
                r.gradientLevel(),
                r.source().id(),
                r.seeds(),
                r.runIds(),
                r.citation(),
                metrics,
                deltaM,
                published,
                new LeaderboardView.SettingRef(
                        r.settingId(), LeaderboardPager.label(board, r.settingId())),
                r.role().id(),
                unranked,
                LeaderboardView.rowKey(
                        r.settingId(),
                        r.methodId(),
                        r.optimizer(),
                        r.gradientLevel(),
                        r.source().id()),
                null,
                null,
                "feature".equals(r.gradientLevel())
                        ? board.featureCaveats().get(r.methodId())
                        : null,
                rank == null ? null : boardRank);
    }
}
