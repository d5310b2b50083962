package io.mtlboard.imports;

import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.Method;
import io.mtlboard.leaderboard.BoardCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link PublishedDeltaMCheck} to the rows of literature CSV files: finds each row's
 * single-task row (same benchmark and backbone, the row's {@code baseline_protocol} or else its own
 * protocol, its {@code baseline_optimizer} or else its own optimizer, else any optimizer of that
 * protocol) among all files, and reports every printed Δm that its numbers do not give, unless the
 * row explains the difference in {@code published_delta_m_note}.
 */
final class PublishedDeltaMs {

    private PublishedDeltaMs() {}

    /** Problems of the rows of one file; {@code all} holds every row of every file, for baselines. */
    static List<String> problems(List<Map<String, String>> rows, List<Map<String, String>> all) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            if (Method.SINGLE_TASK.equals(row.get("method"))
                    || !blank(row.get("published_delta_m_note"))) {
                continue;
            }
            Optional<Map<String, String>> baseline = baseline(row, all);
            Optional<Benchmark> benchmark = Benchmark.byId(row.get("benchmark"));
            if (baseline.isEmpty() || benchmark.isEmpty()) {
                continue;
            }
            List<BoardCalculator.MetricInfo> metrics =
                    benchmark.get().metrics().stream()
                            .map(
                                    m ->
                                            new BoardCalculator.MetricInfo(
                                                    m.key(), m.task.name, m.higherIsBetter))
                            .toList();
            boolean negate = "loss".equals(row.get("published_delta_m_sign"));
            for (PublishedDeltaMCheck.Outcome o :
                    PublishedDeltaMCheck.checks(metrics, row, baseline.get(), negate)) {
                if (!o.agrees()) {
                    problems.add(
                            "row "
                                    + (i + 2)
                                    + " ("
                                    + row.get("method")
                                    + ", "
                                    + row.get("backbone")
                                    + "): "
                                    + o.describe()
                                    + "; correct the row or explain the difference in published_delta_m_note");
                }
            }
        }
        return problems;
    }

    static Optional<Map<String, String>> baseline(
            Map<String, String> row, List<Map<String, String>> all) {
        String protocol =
                blank(row.get("baseline_protocol"))
                        ? row.get("protocol")
                        : row.get("baseline_protocol");
        String optimizer =
                blank(row.get("baseline_optimizer"))
                        ? row.get("optimizer")
                        : row.get("baseline_optimizer");
        List<Map<String, String>> candidates =
                all.stream()
                        .filter(r -> Method.SINGLE_TASK.equals(r.get("method")))
                        .filter(
                                r ->
                                        Objects.equals(r.get("benchmark"), row.get("benchmark"))
                                                && Objects.equals(
                                                        r.get("backbone"), row.get("backbone"))
                                                && Objects.equals(r.get("protocol"), protocol))
                        .toList();
        return candidates.stream()
                .filter(r -> Objects.equals(r.get("optimizer"), optimizer))
                .findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
