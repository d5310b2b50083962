package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ranking-similarity page's readings in words (METRICS.md §5): every indicator against test
 * Δm — like it, opposite to it, or not told apart from seed noise by its seed-bootstrap interval,
 * and where a readable noise ceiling exists, beyond, within reach of or below it — and one
 * sentence that sums them up, with the training losses as reference predictors.
 */
final class IndicatorReadings {

    private IndicatorReadings() {}

    /**
     * Every indicator of {@code heatmap} (whose first axis is test Δm) against test Δm: its cell
     * and seed-bootstrap interval, read against seed noise and the noise ceiling; most agreeing
     * first, too-few-rows last.
     */
    static List<RankingSimilarityView.Reading> readings(
            Heatmap heatmap, RankingSimilarityView.Ceiling ceiling) {
        if (heatmap.axes().isEmpty() || !heatmap.axes().get(0).key().equals(Scorings.DELTA_M)) {
            return List.of();
        }
        boolean readableCeiling =
                ceiling != null && ceiling.rows() >= Agreement.MIN_RELIABLE_METHODS;
        List<RankingSimilarityView.Reading> out = new ArrayList<>();
        for (int j = 1; j < heatmap.axes().size(); j++) {
            Heatmap.Axis axis = heatmap.axes().get(j);
            Agreement a = heatmap.cells().get(0).get(j);
            Heatmap.IntervalView i =
                    heatmap.intervals() == null ? null : heatmap.intervals().get(0).get(j);
            String reading;
            String relation = null;
            String text;
            if (a.unreliable()) {
                reading = RankingSimilarityView.TOO_FEW;
                text = "too few rows (n = " + a.n() + ")";
            } else if (a.value() == null) {
                reading = RankingSimilarityView.UNDEFINED;
                text = "not defined: the rows tie on it (n = " + a.n() + ")";
            } else if (i == null) {
                reading = RankingSimilarityView.UNTESTED;
                text =
                        (a.value() < 0 ? "ranks rows opposite to" : "ranks rows like")
                                + " test Δm by point estimate (no seed interval: not tested against"
                                + " seed noise)";
            } else if (i.includesZero()) {
                reading = RankingSimilarityView.NOISE;
                text = "not told apart from seed noise (the interval includes 0" + i.caveat() + ")";
            } else if (a.value() < 0) {
                reading = RankingSimilarityView.OPPOSITE;
                text =
                        "ranks rows opposite to test Δm beyond seed noise"
                                + (!i.caveat().isEmpty()
                                        ? " (" + i.caveat().substring(2) + ")"
                                        : "");
            } else {
                reading = RankingSimilarityView.LIKE;
                text =
                        "ranks rows like test Δm beyond seed noise"
                                + (!i.caveat().isEmpty()
                                        ? " (" + i.caveat().substring(2) + ")"
                                        : "");
                if (readableCeiling) {
                    double low = i.low();
                    double high = i.high();
                    relation =
                            low > ceiling.value()
                                    ? "beyond"
                                    : high < ceiling.value() ? "below" : "within";
                    text +=
                            switch (relation) {
                                case "beyond" -> ", beyond the noise ceiling";
                                case "below" -> ", below the noise ceiling";
                                default -> ", within reach of the noise ceiling";
                            };
                }
            }
            out.add(
                    new RankingSimilarityView.Reading(
                            axis.key(), axis.label(), a, i, reading, relation, text));
        }
        out.sort(
                Comparator.comparing(
                                (RankingSimilarityView.Reading r) ->
                                        r.reading().equals(RankingSimilarityView.TOO_FEW)
                                                || r.reading()
                                                        .equals(RankingSimilarityView.UNDEFINED))
                        .thenComparing(
                                r -> r.agreement().value() == null ? 0 : -r.agreement().value()));
        return out;
    }

    /** The readings in one sentence: how many indicators agree, disagree, or are noise. */
    static String readingSummary(
            List<RankingSimilarityView.Reading> all,
            RankingSimilarityView.Ceiling ceiling,
            String coefficient) {
        // the training losses are reference predictors: counted apart from the indicators
        List<RankingSimilarityView.Reading> references =
                all.stream()
                        .filter(r -> Indicator.reference(r.key()))
                        .filter(r -> r.agreement().value() != null && !r.agreement().unreliable())
                        // the sum first, then the geometric mean
                        .sorted(
                                Comparator.comparing(
                                        (RankingSimilarityView.Reading r) ->
                                                !r.key().equals(Indicator.TRAINING_LOSS)))
                        .toList();
        List<RankingSimilarityView.Reading> readings =
                all.stream().filter(r -> !Indicator.reference(r.key())).toList();
        if (readings.isEmpty()) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        readings.forEach(r -> counts.merge(r.reading(), 1L, Long::sum));
        long like = counts.getOrDefault(RankingSimilarityView.LIKE, 0L);
        long opposite = counts.getOrDefault(RankingSimilarityView.OPPOSITE, 0L);
        long noise = counts.getOrDefault(RankingSimilarityView.NOISE, 0L);
        long few = counts.getOrDefault(RankingSimilarityView.TOO_FEW, 0L);
        long undefined = counts.getOrDefault(RankingSimilarityView.UNDEFINED, 0L);
        long untested = counts.getOrDefault(RankingSimilarityView.UNTESTED, 0L);
        StringBuilder b = new StringBuilder();
        if (untested > 0 && like + opposite + noise == 0) {
            // no interval anywhere: seed noise is unknown, so nothing is "beyond" it
            long likeByPoint =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.reading().equals(RankingSimilarityView.UNTESTED)
                                                    && r.agreement().value() > 0)
                            .count();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "No row has two or more runs, so seed noise cannot be estimated and no"
                                    + " indicator is tested against it: by point estimate, %d of %d"
                                    + " indicators rank the rows like test Δm and %d opposite to it",
                            likeByPoint,
                            readings.size(),
                            untested - likeByPoint));
        } else {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "Of %d indicators, %d rank the rows like test Δm beyond seed noise, %d"
                                    + " opposite to it, and %d cannot be told apart from seed noise",
                            readings.size(),
                            like,
                            opposite,
                            noise));
            if (untested > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "; %d have no seed interval (not tested against seed noise)",
                                untested));
            }
            long partial =
                    readings.stream()
                            .filter(r -> r.interval() != null && r.interval().singleRunRows() > 0)
                            .count();
            long standIn =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.interval() != null
                                                    && r.interval().singleRunRows() == 0
                                                    && r.interval().standInRows() > 0)
                            .count();
            if (partial > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (%d of the intervals are too narrow: some rows have one run and"
                                        + " add no seed spread)",
                                partial));
            } else if (standIn > 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (%d of the intervals take the pooled seed std of the rows with two"
                                        + " or more runs for the rows with one)",
                                standIn));
            }
        }
        if (few > 0) {
            b.append(String.format(Locale.ROOT, "; %d have too few rows", few));
        }
        if (undefined > 0) {
            b.append(
                    String.format(
                            Locale.ROOT, "; %d are not defined (the rows tie on them)", undefined));
        }
        if (ceiling != null && ceiling.rows() >= Agreement.MIN_RELIABLE_METHODS) {
            long beyond = readings.stream().filter(r -> "beyond".equals(r.ceiling())).count();
            long within = readings.stream().filter(r -> "within".equals(r.ceiling())).count();
            RankingSimilarityView.Reading best =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.agreement().value() != null
                                                    && !r.agreement().unreliable())
                            .findFirst()
                            .orElse(null);
            b.append(
                    String.format(
                            Locale.ROOT,
                            ". Against the noise ceiling (%s = %.2f): %s",
                            coefficient,
                            ceiling.value(),
                            beyond > 0
                                    ? beyond
                                            + " beyond it"
                                            + (within > 0
                                                    ? ", " + within + " within reach of it"
                                                    : "")
                                    : within > 0
                                            ? "none beyond it, " + within + " within reach of it"
                                            : "none reaches it"));
            if (best != null && beyond == 0 && within == 0) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " (the closest, %s, agrees at %.2f): seed noise leaves room for a"
                                        + " better predictor of test Δm",
                                best.label(),
                                best.agreement().value()));
            }
        } else {
            b.append("; no readable noise ceiling yet");
        }
        if (!references.isEmpty()) {
            List<String> clauses = new ArrayList<>();
            for (RankingSimilarityView.Reading r : references) {
                clauses.add(
                        String.format(
                                Locale.ROOT,
                                "%s %s at %s = %.2f%s",
                                r.key().equals(Indicator.TRAINING_LOSS)
                                        ? "the training loss (summed over tasks)"
                                        : clauses.isEmpty()
                                                ? "the training loss's geometric mean over tasks"
                                                        + " (unaffected by the tasks' loss scales)"
                                                : "its geometric mean over tasks (unaffected by"
                                                        + " the tasks' loss scales)",
                                referenceReading(r),
                                coefficient,
                                r.agreement().value(),
                                r.interval() == null
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                " [%.2f, %.2f]",
                                                r.interval().low(),
                                                r.interval().high())));
            }
            double best =
                    references.stream().mapToDouble(r -> r.agreement().value()).max().orElseThrow();
            long better =
                    readings.stream()
                            .filter(
                                    r ->
                                            r.agreement().value() != null
                                                    && !r.agreement().unreliable()
                                                    && r.agreement().value() > best)
                            .count();
            b.append(". For reference, ")
                    .append(String.join("; ", clauses))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "; by point estimate, %d of the %d indicators rank the rows more"
                                            + " like test Δm than %s",
                                    better,
                                    readings.size(),
                                    references.size() == 1 ? "it does" : "either does"));
        }
        String chance =
                ChanceFindings.sentence(
                        (int) (like + opposite + noise), (int) (like + opposite), "indicators");
        if (chance != null) {
            b.append(". ").append(chance);
        }
        return b.append('.').toString();
    }

    /** How a reference predictor ranks the rows against test Δm, in words. */
    static String referenceReading(RankingSimilarityView.Reading r) {
        return switch (r.reading()) {
            case RankingSimilarityView.LIKE -> "ranks the rows like test Δm beyond seed noise";
            case RankingSimilarityView.OPPOSITE ->
                    "ranks the rows opposite to test Δm beyond seed noise";
            case RankingSimilarityView.UNTESTED ->
                    r.agreement().value() > 0
                            ? "ranks the rows like test Δm (not tested against seed noise)"
                            : "ranks the rows opposite to test Δm (not tested against seed noise)";
            default -> "is not told apart from seed noise";
        };
    }
}
