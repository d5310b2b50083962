package io.mtlboard.analysis;

import io.mtlboard.benchmark.Protocols;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A setting (backbone × protocol) of a backbone and its number of MTL rows. Analyses that rank or
 * correlate rows (an indicator against Δm) take the rows of one setting: rows of different
 * protocols differ by protocol (epochs, data, learning rate) as much as by method.
 */
public record SettingChoice(String id, String label, int rows) {

    /** The setting of a row; a row without a setting (unit tests' rows) is its backbone's. */
    static String of(AnalysisRow r) {
        return r.settingId() == null ? r.backboneId() : r.settingId();
    }

    /** The label of every setting of {@code rows}: backbone · protocol. */
    static Map<String, String> names(List<AnalysisRow> rows) {
        Map<String, String> names = new HashMap<>();
        for (AnalysisRow r : rows) {
            names.putIfAbsent(of(r), label(r));
        }
        return names;
    }

    private static String label(AnalysisRow r) {
        return r.settingLabel() == null ? r.backboneName() : r.settingLabel();
    }

    /**
     * The settings of {@code rows}: the one with the most rows first (ties: by id, later first),
     * except that a setting of an earlier version of a reference protocol ({@code
     * fs-encoder-decoder-v1}) comes after one of the same backbone under a later version with at
     * least {@link Protocols#SUPERSEDING_ROWS} rows, whatever their counts: the default is the
     * current protocol once it has the rows to say something.
     */
    static List<SettingChoice> all(List<AnalysisRow> rows) {
        Map<String, SettingChoice> counts = new LinkedHashMap<>();
        for (AnalysisRow r : rows) {
            SettingChoice c = counts.get(of(r));
            counts.put(of(r), new SettingChoice(of(r), label(r), c == null ? 1 : c.rows() + 1));
        }
        Map<String, Integer> rowsBySetting = new HashMap<>();
        counts.values().forEach(c -> rowsBySetting.put(c.id(), c.rows()));
        return counts.values().stream()
                .sorted(
                        Comparator.comparing(
                                        (SettingChoice c) ->
                                                Protocols.superseded(c.id(), rowsBySetting))
                                .thenComparing(
                                        Comparator.comparingInt(SettingChoice::rows).reversed())
                                .thenComparing(SettingChoice::id, Comparator.reverseOrder()))
                .toList();
    }

    /**
     * The backbone an analysis of one setting looks at: the one asked for; else the backbone of the
     * setting asked for (a setting id is {@code backbone@protocol}, so it names its backbone);
     * else the benchmark's default backbone among {@code rows}.
     */
    static String backbone(
            List<String> backbones, String requestedSetting, List<AnalysisRow> rows) {
        if (!backbones.isEmpty()) {
            return backbones.get(0);
        }
        if (requestedSetting != null && requestedSetting.lastIndexOf('@') > 0) {
            return requestedSetting.trim().substring(0, requestedSetting.trim().lastIndexOf('@'));
        }
        return AnalysisData.defaultBackbone(rows);
    }

    /** The settings of a backbone's rows, the one chosen and its rows. */
    record Chosen(List<SettingChoice> settings, SettingChoice setting, List<AnalysisRow> rows) {}

    /**
     * The settings of {@code ofBackbone} (a backbone's rows), the one asked for or the one with
     * the most rows, and that setting's rows.
     *
     * @throws io.mtlboard.support.InvalidInputProblem when the backbone has no rows in the setting
     *     asked for
     */
    static Chosen select(
            List<AnalysisRow> ofBackbone, String requested, String backboneId, String analysis) {
        List<SettingChoice> settings = all(ofBackbone);
        SettingChoice chosen = choose(settings, requested, backboneId, analysis);
        List<AnalysisRow> rows =
                chosen == null
                        ? List.of()
                        : ofBackbone.stream().filter(r -> of(r).equals(chosen.id())).toList();
        return new Chosen(settings, chosen, rows);
    }

    /**
     * The setting asked for, or without one the first of {@code settings} (null when there is
     * none).
     *
     * @throws io.mtlboard.support.InvalidInputProblem when the backbone has no rows in the setting
     *     asked for, with the allowed values
     */
    static SettingChoice choose(
            List<SettingChoice> settings, String requested, String backboneId, String analysis) {
        if (requested == null || requested.isBlank()) {
            return settings.isEmpty() ? null : settings.get(0);
        }
        String id = requested.trim();
        for (SettingChoice s : settings) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        Checks checks = new Checks();
        checks.add(
                "setting",
                settings.isEmpty()
                        ? "backbone '"
                                + backboneId
                                + "' has no rows here, so no setting '"
                                + id
                                + "'; a setting is backbone@protocol, of a backbone with rows"
                        : "backbone "
                                + backboneId
                                + " has no rows in setting '"
                                + id
                                + "'; allowed values: "
                                + String.join(
                                        ", ", settings.stream().map(SettingChoice::id).toList()));
        checks.done(analysis);
        throw new IllegalStateException("unreachable: the checks above fail");
    }
}
