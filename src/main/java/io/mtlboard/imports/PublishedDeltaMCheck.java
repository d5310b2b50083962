package io.mtlboard.imports;

import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.BoardCalculator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a Δm printed by a publication against its recomputation from the row's printed metrics
 * and the printed metrics of its single-task row (literature README, "Published Δm").
 *
 * <p>Printed numbers are rounded, so the two can differ a little without any error. The tolerance
 * is the first-order bound of that rounding: every printed value {@code x} with {@code d} decimals
 * may be off by {@code e = 0.5·10^-d}; Δm is a weighted sum of {@code ±100·(v − b)/b} terms (weight
 * {@code 1/(T·N_t)} per task, {@code 1/N} flat), whose sensitivity is {@code 100·w/|b|} to the
 * method's value and {@code 100·w·|v|/b²} to the baseline's; the bound adds those errors over all
 * metrics plus half a unit of the printed Δm's last decimal. A larger difference means the printed
 * numbers disagree with each other, which the CSV must explain in {@code published_delta_m_note}.
 */
final class PublishedDeltaMCheck {

    private PublishedDeltaMCheck() {}

    /** The recomputed value, the printed one, and the rounding bound between them. */
    record Outcome(String convention, double computed, double printed, double bound) {

        boolean agrees() {
            return Math.abs(computed - printed) <= bound;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "printed Δm (%s) %s differs from the recomputation %.3f by "
                            + "%.3f, more than the rounding bound %.3f",
                    convention,
                    BigDecimal.valueOf(printed).stripTrailingZeros().toPlainString(),
                    computed,
                    Math.abs(computed - printed),
                    bound);
        }
    }

    /**
     * Compares a printed Δm (gain sign) with the recomputation; empty when a metric is missing.
     *
     * @param row the row's printed metric values by metric key, as written in the CSV
     * @param baseline the single-task row's printed values by metric key
     * @param printed the printed Δm as written, in gain sign
     */
    static Optional<Outcome> check(
            List<BoardCalculator.MetricInfo> metrics,
            Map<String, String> row,
            Map<String, String> baseline,
            DeltaM.Convention convention,
            String printed,
            boolean negate) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> base = new LinkedHashMap<>();
        for (BoardCalculator.MetricInfo m : metrics) {
            if (blank(row.get(m.key())) || blank(baseline.get(m.key()))) {
                return Optional.empty();
            }
            values.put(m.key(), Double.parseDouble(row.get(m.key())));
            base.put(m.key(), Double.parseDouble(baseline.get(m.key())));
        }
        Optional<DeltaM.Result> result = BoardCalculator.deltaM(metrics, values, base);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        double computed =
                convention == DeltaM.Convention.PER_TASK
                        ? result.get().perTask()
                        : result.get().flat();
        double value = Double.parseDouble(printed) * (negate ? -1 : 1);
        double bound = halfUnit(printed);
        Map<String, Double> weights = weights(metrics, convention);
        for (BoardCalculator.MetricInfo m : metrics) {
            double v = values.get(m.key());
            double b = Math.abs(base.get(m.key()));
            double w = weights.get(m.key());
            bound +=
                    100 * w * halfUnit(row.get(m.key())) / b
                            + 100 * w * Math.abs(v) * halfUnit(baseline.get(m.key())) / (b * b);
        }
        return Optional.of(new Outcome(convention.id(), computed, value, bound + 1e-9));
    }

    private static Map<String, Double> weights(
            List<BoardCalculator.MetricInfo> metrics, DeltaM.Convention c) {
        Map<String, Integer> perTask = new LinkedHashMap<>();
        metrics.forEach(m -> perTask.merge(m.task(), 1, Integer::sum));
        Map<String, Double> weights = new LinkedHashMap<>();
        for (BoardCalculator.MetricInfo m : metrics) {
            weights.put(
                    m.key(),
                    c == DeltaM.Convention.PER_TASK
                            ? 1.0 / (perTask.size() * perTask.get(m.task()))
                            : 1.0 / metrics.size());
        }
        return weights;
    }

    /** Half a unit of the last decimal written: 0.005 for "1.23", 0.5 for "12". */
    static double halfUnit(String printed) {
        BigDecimal d = new BigDecimal(printed.trim());
        return 0.5 * Math.pow(10, -d.scale());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Every check of one row: per task and flat, where printed. */
    static List<Outcome> checks(
            List<BoardCalculator.MetricInfo> metrics,
            Map<String, String> row,
            Map<String, String> baseline,
            boolean negate) {
        List<Outcome> outcomes = new ArrayList<>();
        if (!blank(row.get("published_delta_m_task"))) {
            check(
                            metrics,
                            row,
                            baseline,
                            DeltaM.Convention.PER_TASK,
                            row.get("published_delta_m_task"),
                            negate)
                    .ifPresent(outcomes::add);
        }
        if (!blank(row.get("published_delta_m_flat"))) {
            check(
                            metrics,
                            row,
                            baseline,
                            DeltaM.Convention.FLAT,
                            row.get("published_delta_m_flat"),
                            negate)
                    .ifPresent(outcomes::add);
        }
        return outcomes;
    }
}
