package io.mtlboard.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/analysis/levels}: each method with both a parameter-level and a feature-level
 * row, paired (Mao et al., arXiv 2402.03557: only MGDA and Aligned-MTL reliably profit from the
 * feature-level surrogate). In each pair, {@code first} is the parameter level and {@code second}
 * the feature level, so a positive difference means the method gains from the surrogate.
 *
 * @param pairs best gain first
 * @param gaining pairs whose feature-level Δm is higher
 * @param clear pairs whose feature level is better, or worse, beyond the seed spread
 * @param bySetting the pairs and those gaining per setting (backbone × protocol), in order of first
 *     appearance: a method is paired once per setting, so the totals add up settings
 * @param message the "no data yet" or "too little data" statement, or null
 */
public record LevelsView(
        Scope scope,
        List<PairView> pairs,
        int gaining,
        PairView.Clear clear,
        List<SettingCount> bySetting,
        String message,
        List<String> notes) {

    /** Pairs of one setting, and how many of them gain from the feature level. */
    public record SettingCount(String setting, String label, int pairs, int gaining) {}

    /** The per-setting counts of {@code pairs}. */
    static List<SettingCount> bySetting(List<PairView> pairs) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (PairView p : pairs) {
            String id = p.setting() == null ? p.backbone().id() : p.setting().id();
            labels.putIfAbsent(id, p.setting() == null ? p.backbone().name() : p.setting().label());
            int[] c = counts.computeIfAbsent(id, k -> new int[2]);
            c[0]++;
            c[1] += Boolean.TRUE.equals(p.secondBetter()) ? 1 : 0;
        }
        List<SettingCount> result = new ArrayList<>();
        counts.forEach((id, c) -> result.add(new SettingCount(id, labels.get(id), c[0], c[1])));
        return result;
    }
}
