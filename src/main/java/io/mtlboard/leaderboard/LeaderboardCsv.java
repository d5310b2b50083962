package io.mtlboard.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a leaderboard view as CSV: one line per row, mean and std per metric, Δm in both
 * conventions (gain sign), the Δm and std the publication printed (as the JSON's {@code
 * published}) and the source of every row; under filters that rank a row among fewer rows of its
 * setting than the board does, its rank on the whole board and how many rows the board ranks there.
 */
final class LeaderboardCsv {

    private static final CsvMapper CSV = new CsvMapper();

    private LeaderboardCsv() {}

    static String write(LeaderboardView v) {
        List<List<Object>> lines = new ArrayList<>();
        List<Object> header =
                new ArrayList<>(
                        List.of(
                                "rank",
                                "method",
                                "method_label",
                                "backbone",
                                "optimizer",
                                "gradient_level",
                                "source",
                                "seeds",
                                "setting",
                                "setting_label",
                                "role",
                                "unranked"));
        for (LeaderboardView.MetricColumn c : v.metrics()) {
            header.add(c.key() + "_mean");
            header.add(c.key() + "_std");
        }
        header.addAll(
                List.of(
                        "delta_m_per_task",
                        "delta_m_per_task_std",
                        "delta_m_flat",
                        "delta_m_flat_std",
                        "delta_m_per_task_vs_baseline",
                        "delta_m_flat_vs_baseline",
                        "published_delta_m_per_task",
                        "published_delta_m_per_task_std",
                        "published_delta_m_flat",
                        "published_delta_m_flat_std",
                        "published_delta_m_note",
                        "baseline_run_ids",
                        "baseline_citation",
                        "citation",
                        "run_ids",
                        "board_rank",
                        "board_ranked"));
        lines.add(header);
        for (LeaderboardView.LeaderboardRowView r : v.rows()) {
            List<Object> line =
                    new ArrayList<>(
                            List.of(
                                    text(r.rank()),
                                    r.method().id(),
                                    r.methodLabel(),
                                    r.backbone().id(),
                                    r.optimizer(),
                                    r.gradientLevel(),
                                    r.source(),
                                    text(r.seeds()),
                                    r.setting().id(),
                                    r.setting().label(),
                                    r.role(),
                                    text(r.unranked())));
            for (LeaderboardView.MetricColumn c : v.metrics()) {
                LeaderboardView.Stat s = r.metrics().get(c.key());
                line.add(s == null ? "" : text(s.mean()));
                line.add(s == null ? "" : text(s.std()));
            }
            LeaderboardView.DeltaMView d = r.deltaM();
            line.add(d == null ? "" : text(d.perTask().mean()));
            line.add(d == null ? "" : text(d.perTask().std()));
            line.add(d == null ? "" : text(d.flat().mean()));
            line.add(d == null ? "" : text(d.flat().std()));
            line.add(d == null ? "" : text(d.perTaskVsBaseline()));
            line.add(d == null ? "" : text(d.flatVsBaseline()));
            line.add(r.published() == null ? "" : text(r.published().deltaMPerTask()));
            line.add(r.published() == null ? "" : text(r.published().deltaMPerTaskStd()));
            line.add(r.published() == null ? "" : text(r.published().deltaMFlat()));
            line.add(r.published() == null ? "" : text(r.published().deltaMFlatStd()));
            line.add(r.published() == null ? "" : text(r.published().note()));
            LeaderboardView.Baseline b = d == null ? null : d.baseline();
            line.add(
                    b == null
                            ? ""
                            : String.join(" ", b.runIds().stream().map(String::valueOf).toList()));
            line.add(b == null ? "" : text(b.citation()));
            line.add(r.citation() == null ? "" : r.citation());
            line.add(String.join(" ", r.runIds().stream().map(String::valueOf).toList()));
            line.add(r.boardRank() == null ? "" : text(r.boardRank().rank()));
            line.add(r.boardRank() == null ? "" : text(r.boardRank().of()));
            lines.add(line);
        }
        try {
            return CSV.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
