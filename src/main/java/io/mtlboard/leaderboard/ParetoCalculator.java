package io.mtlboard.leaderboard;

import io.mtlboard.analysis.pareto.ParetoFront;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link ParetoView} from the rows of one setting of a leaderboard view. */
final class ParetoCalculator {

    private ParetoCalculator() {}

    static ParetoView view(
            LeaderboardView all,
            String settingId,
            LeaderboardView.MetricColumn x,
            LeaderboardView.MetricColumn y) {
        List<LeaderboardView.LeaderboardRowView> rows =
                all.rows().stream()
                        .filter(
                                r ->
                                        r.setting().id().equals(settingId)
                                                && !"claimed".equals(r.role()))
                        .filter(
                                r ->
                                        r.metrics().get(x.key()) != null
                                                && r.metrics().get(y.key()) != null)
                        .toList();
        List<LeaderboardView.LeaderboardRowView> methods =
                rows.stream().filter(r -> !"baseline".equals(r.role())).toList();
        // oriented so that higher is better on both axes
        List<Boolean> front =
                ParetoFront.nonDominated(
                        methods.stream()
                                .map(
                                        r ->
                                                new double[] {
                                                    (x.higherIsBetter() ? 1 : -1)
                                                            * r.metrics().get(x.key()).mean(),
                                                    (y.higherIsBetter() ? 1 : -1)
                                                            * r.metrics().get(y.key()).mean()
                                                })
                                .toList());
        List<ParetoView.Point> points = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            points.add(point(methods.get(i), x, y, front.get(i)));
        }
        LeaderboardView.SettingView setting =
                all.settings().stream()
                        .filter(s -> s.id().equals(settingId))
                        .findFirst()
                        .orElse(null);
        ParetoView.Point baseline =
                rows.stream()
                        .filter(r -> "baseline".equals(r.role()))
                        .filter(
                                r ->
                                        setting == null
                                                || setting.baseline() == null
                                                || r.runIds().equals(setting.baseline().runIds()))
                        .findFirst()
                        .map(r -> point(r, x, y, false))
                        .orElse(null);
        return new ParetoView(
                all.benchmark(),
                setting == null
                        ? null
                        : new LeaderboardView.SettingRef(setting.id(), setting.label()),
                all.settings().stream()
                        .map(s -> new LeaderboardView.SettingRef(s.id(), s.label()))
                        .toList(),
                axis(x),
                axis(y),
                points,
                baseline);
    }

    private static ParetoView.Axis axis(LeaderboardView.MetricColumn c) {
        return new ParetoView.Axis(
                c.key(),
                c.task()
                        + " "
                        + c.name()
                        + (c.higherIsBetter() ? " ↑" : " ↓")
                        + (c.unit() == null || c.unit().isBlank() ? "" : " (" + c.unit() + ")"),
                c.higherIsBetter(),
                c.unit());
    }

    private static ParetoView.Point point(
            LeaderboardView.LeaderboardRowView r,
            LeaderboardView.MetricColumn x,
            LeaderboardView.MetricColumn y,
            boolean nonDominated) {
        LeaderboardView.Stat sx = r.metrics().get(x.key());
        LeaderboardView.Stat sy = r.metrics().get(y.key());
        String label =
                r.methodLabel() + ("unreported".equals(r.optimizer()) ? "" : " · " + r.optimizer());
        return new ParetoView.Point(
                label,
                r.method().id(),
                r.source(),
                r.optimizer(),
                r.gradientLevel(),
                sx.mean(),
                sx.std(),
                sy.mean(),
                sy.std(),
                nonDominated,
                r.runIds());
    }
}
