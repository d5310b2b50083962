package io.mtlboard.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pairs rows that differ in exactly one setting, e.g. the parameter-level and the feature-level
 * run of a method (Mao et al., arXiv 2402.03557) or its Adam and SGD runs (Elich et al., arXiv
 * 2311.04698). Rows pair when everything else that identifies a row is equal: benchmark, method,
 * backbone, source (and publication for literature rows) and the other setting.
 */
final class Pairing {

    /** Two rows of one method that differ in one setting. */
    record Pair(AnalysisRow first, AnalysisRow second) {}

    private Pairing() {}

    /**
     * The pairs of rows whose {@code dimension} ({@code optimizer} or {@code gradientLevel}) is
     * {@code first} and {@code second}, in the order of the first rows. Rows of other values are
     * ignored; rows without a partner are left out. Single-task rows are the baseline each side is
     * measured against, not a method: they are never paired.
     */
    static List<Pair> pair(List<AnalysisRow> rows, String dimension, String first, String second) {
        Function<AnalysisRow, String> value =
                switch (dimension) {
                    case "optimizer" -> AnalysisRow::optimizer;
                    case "gradientLevel" -> AnalysisRow::gradientLevel;
                    default -> throw new IllegalArgumentException("cannot pair on " + dimension);
                };
        Map<List<Object>, AnalysisRow> seconds = new LinkedHashMap<>();
        rows = rows.stream().filter(r -> !r.singleTask()).toList();
        for (AnalysisRow r : rows) {
            if (value.apply(r).equals(second)) {
                seconds.put(r.identityWithout(dimension), r);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (AnalysisRow r : rows) {
            AnalysisRow partner =
                    value.apply(r).equals(first) ? seconds.get(r.identityWithout(dimension)) : null;
            if (partner != null) {
                pairs.add(new Pair(r, partner));
            }
        }
        return pairs;
    }
}
