package io.mtlboard.web;

import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.leaderboard.CompareView;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.Published;
import io.mtlboard.run.RunView;
import io.mtlboard.support.MtlboardConfig;
import io.quarkus.qute.TemplateExtension;
import io.smallrye.config.SmallRyeConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Formatting for the Qute pages: numbers, ± std, Δm signs and leaderboard links. */
@TemplateExtension(namespace = "fmt")
public final class WebFormat {

    private WebFormat() {}

    /** A metric value with a precision that suits its magnitude. */
    public static String num(Double value) {
        if (value == null) {
            return "—";
        }
        return fixed(value, decimals(value));
    }

    /** The decimals {@link #num} gives a value. */
    static int decimals(double value) {
        double abs = Math.abs(value);
        return abs != 0 && abs < 0.1 ? 5 : abs < 1 ? 4 : 2;
    }

    /** A value with the given decimals; a value that rounds to zero is "0.00", never "−0.00". */
    static String fixed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A learning rate as written in a protocol (0.003, 0.0001): no exponent, no trailing zeros. */
    public static String rate(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return "—";
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The fewest degrees of freedom a setting's pooled seed std needs to stand in for a row's own. */
    public static int minPooledDf() {
        return io.mtlboard.leaderboard.SeedNoise.MIN_DEGREES_OF_FREEDOM;
    }

    /** A value in points with two decimals; "—" when unknown. */
    public static String fixed2(Double value) {
        return value == null || !Double.isFinite(value) ? "—" : fixed(value, 2);
    }

    /** A score with four decimals. */
    public static String fixed4(Double value) {
        return value == null || !Double.isFinite(value) ? "—" : fixed(value, 4);
    }

    /** A change in metric points with its sign and two decimals; "—" when unknown. */
    public static String points(Double value) {
        return value == null || !Double.isFinite(value) ? "—" : signed(value);
    }

    /** A Δm value with an explicit sign and two decimals; one that rounds to zero has no sign. */
    public static String signed(Double value) {
        if (value == null) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%+.2f", value);
        return s.matches("[+-]0\\.00") ? "0.00" : s;
    }

    /** Mean of a statistic. */
    public static String mean(LeaderboardView.Stat stat) {
        return stat == null ? "—" : num(stat.mean());
    }

    /** "± std" of a statistic, with as many decimals as its mean shows; empty when there is no spread. */
    public static String std(LeaderboardView.Stat stat) {
        return stat == null || stat.std() == null
                ? ""
                : "± " + fixed(stat.std(), decimals(stat.mean()));
    }

    /** A count with thousands separators, or a dash. */
    public static String thousands(Integer value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,d", value);
    }

    /** A whole number with thousands separators (rounded), or a dash. */
    public static String integer(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** The {@code rows} parameter naming the compared rows, URL-encoded. */
    public static String rowsParam(CompareView compare) {
        // row keys are ids joined by "~" and "@": left readable in the address
        return enc(String.join(
                        ",", compare.rows().stream().map(CompareView.CompareRow::key).toList()))
                .replace("%7E", "~")
                .replace("%40", "@")
                .replace("%2C", ",");
    }

    /** How many compared rows have a training log to plot. */
    public static int logCount(CompareView compare) {
        return (int) compare.rows().stream().filter(CompareView.CompareRow::hasTrainingLog).count();
    }

    /** Metric columns a leaderboard shows by default: all of them up to this many, else the first this many. */
    static final int DEFAULT_METRIC_COLUMNS = 6;

    /** The keys of the metric columns shown by default, comma-separated (efficiency columns are off). */
    public static String defaultColumns(LeaderboardView view) {
        return String.join(
                ",",
                view.metrics().stream()
                        .limit(DEFAULT_METRIC_COLUMNS)
                        .map(LeaderboardView.MetricColumn::key)
                        .toList());
    }

    /** An integer or a dash. */
    public static String count(Integer value) {
        return value == null ? "—" : value.toString();
    }

    /** "↑" for higher-is-better metrics, "↓" otherwise. */
    public static String arrow(LeaderboardView.MetricColumn column) {
        return column.higherIsBetter() ? "↑" : "↓";
    }

    /**
     * The link to this leaderboard view with its filters, convention and page size, sorted by
     * {@code key}: its query string, or the bare page when there is none.
     */
    public static String sortLink(LeaderboardView view, String key) {
        if (!view.sort().equals(key)) {
            return link(view, query(view, key, null, 1));
        }
        String flipped = view.order().equals("asc") ? "desc" : "asc";
        return link(
                view, query(view, key, flipped.equals(view.defaultOrder()) ? null : flipped, 1));
    }

    /** The link to this view {@code offset} pages further (negative: back). */
    public static String pageLink(LeaderboardView view, Integer offset) {
        return pageHref(view, view.page() + offset);
    }

    /** The link to page {@code page} of this view. */
    public static String pageHref(LeaderboardView view, Integer page) {
        return link(view, query(view, view.sort(), explicitOrder(view), page));
    }

    /**
     * A query string as a link; an empty one (page 1 of the default view) becomes the page's path,
     * since an empty href would stay on the current URL and its parameters.
     */
    private static String link(LeaderboardView view, String query) {
        return query.isEmpty() ? "/leaderboards/" + view.benchmark().id() : query;
    }

    /** The other pages of this view that list rows of a setting; empty when all are on this page. */
    public static List<Integer> otherPages(
            LeaderboardView view, LeaderboardView.SettingView setting) {
        return setting.pages().stream().filter(p -> p != view.page()).toList();
    }

    /** How many rows of a setting are listed on other pages of this view. */
    public static int rowsElsewhere(LeaderboardView view, LeaderboardView.SettingView setting) {
        return setting.rows() - rowsOf(view, setting.id()).size();
    }

    /** The mean Δm of the convention with the given id. */
    public static Double pick(LeaderboardView.DeltaMView deltaM, String convention) {
        LeaderboardView.Stat s = pickStat(deltaM, convention);
        return s == null ? null : s.mean();
    }

    /**
     * Whether a row's Δm, in the convention with the given id, is within seed noise of its
     * single-task baseline (docs/LEADERBOARD.md §3).
     */
    public static boolean withinNoise(LeaderboardView.DeltaMView deltaM, String convention) {
        if (deltaM == null) {
            return false;
        }
        String verdict =
                "flat".equals(convention) ? deltaM.flatVsBaseline() : deltaM.perTaskVsBaseline();
        return "within-noise".equals(verdict);
    }

    /** The Δm statistic of the convention with the given id. */
    public static LeaderboardView.Stat pickStat(
            LeaderboardView.DeltaMView deltaM, String convention) {
        if (deltaM == null) {
            return null;
        }
        return "flat".equals(convention) ? deltaM.flat() : deltaM.perTask();
    }

    /**
     * Whether a row's Δm baseline needs a mark: it comes from another publication than the row, or
     * was trained with another optimizer because the setting has no single-task row with the row's.
     */
    public static boolean foreignBaseline(LeaderboardView.LeaderboardRowView row) {
        if (row.deltaM() == null || row.deltaM().baseline() == null) {
            return false;
        }
        LeaderboardView.Baseline b = row.deltaM().baseline();
        return b.crossProtocol() || b.otherOptimizer();
    }

    /** The tooltip naming a row's Δm baseline: its publication or source, protocol and optimizer. */
    public static String baselineTitle(LeaderboardView.LeaderboardRowView row) {
        LeaderboardView.Baseline b = row.deltaM().baseline();
        String what =
                b.crossProtocol()
                        ? "Baseline from another publication: single-task row of the "
                                + b.protocolName()
                                + " ("
                                + b.citation()
                                + ")"
                        : "Baseline: single-task row (" + b.source() + ")";
        return what
                + ", optimizer "
                + b.optimizer()
                + (b.otherOptimizer()
                        ? " — no single-task row was trained with " + row.optimizer()
                        : "");
    }

    /** The rows of one setting on this page, in page order. */
    public static List<LeaderboardView.LeaderboardRowView> rowsOf(
            LeaderboardView view, String settingId) {
        return view.rows().stream()
                .filter(r -> !"claimed".equals(r.role()) && r.setting().id().equals(settingId))
                .toList();
    }

    /**
     * How many rows the whole board ranks in a setting when the filters rank its rows on this page
     * among fewer ({@code boardRank} of its rows), else null.
     */
    public static Integer boardRanked(LeaderboardView view, String settingId) {
        return rowsOf(view, settingId).stream()
                .map(LeaderboardView.LeaderboardRowView::boardRank)
                .filter(b -> b != null)
                .findFirst()
                .map(LeaderboardView.BoardRank::of)
                .orElse(null);
    }

    /** The claimed rows on this page. */
    public static List<LeaderboardView.LeaderboardRowView> claimedRows(LeaderboardView view) {
        return view.rows().stream().filter(r -> "claimed".equals(r.role())).toList();
    }

    /** The settings of the claimed rows on this page, in page order: the claimed section's sub-headings. */
    public static List<LeaderboardView.SettingRef> claimedSettings(LeaderboardView view) {
        return claimedRows(view).stream()
                .map(LeaderboardView.LeaderboardRowView::setting)
                .distinct()
                .toList();
    }

    /** The claimed rows of one setting on this page, in page order. */
    public static List<LeaderboardView.LeaderboardRowView> claimedRowsOf(
            LeaderboardView view, String settingId) {
        return claimedRows(view).stream().filter(r -> r.setting().id().equals(settingId)).toList();
    }

    /** "3rd of 14" for a ranked row of a setting. */
    public static String rankOf(LeaderboardView view, LeaderboardView.LeaderboardRowView row) {
        if (row.rank() == null) {
            return "";
        }
        int of =
                view.settings().stream()
                        .filter(s -> s.id().equals(row.setting().id()))
                        .mapToInt(LeaderboardView.SettingView::ranked)
                        .findFirst()
                        .orElse(0);
        return ordinal(row.rank()) + " of " + of;
    }

    /**
     * One row of a run's robustness table: a corruption (its reader's name) and a metric, the
     * clean value and the value at severities 1–5 (null where not measured).
     */
    public record CorruptionRow(
            String label, String metric, Double clean, List<Double> bySeverity) {}

    /** The corrupted-split measurements of a run's evaluation, one row per corruption and metric. */
    public static List<CorruptionRow> corruptionRows(RunView run) {
        if (run.evaluation() == null) {
            return List.of();
        }
        Map<String, Double> clean = new HashMap<>();
        run.values().forEach(v -> clean.put(v.key(), v.measured()));
        Map<List<String>, Double[]> table = new LinkedHashMap<>();
        for (RunView.Corrupted c : run.evaluation().corrupted()) {
            Double[] cells =
                    table.computeIfAbsent(List.of(c.corruption(), c.metric()), k -> new Double[5]);
            if (c.severity() >= 1 && c.severity() <= 5) {
                cells[c.severity() - 1] = c.measured();
            }
        }
        List<CorruptionRow> rows = new ArrayList<>();
        table.forEach(
                (key, cells) ->
                        rows.add(
                                new CorruptionRow(
                                        Corruption.labelOf(key.get(0)),
                                        key.get(1),
                                        clean.get(key.get(1)),
                                        Arrays.asList(cells))));
        return rows;
    }

    /** A timestamp as a UTC date and minute, e.g. "2026-12-05 04:31 UTC"; empty for null. */
    public static String date(OffsetDateTime t) {
        return t == null
                ? ""
                : t.atZoneSameInstant(ZoneOffset.UTC)
                                .format(
                                        DateTimeFormatter.ofPattern(
                                                "yyyy-MM-dd HH:mm", Locale.ROOT))
                        + " UTC";
    }

    /** "3rd of 14". */
    public static String rankText(Integer rank, int of) {
        return rank == null ? "" : ordinal(rank) + " of " + of;
    }

    /** How a Δm compares with the single-task baseline, in words, from {@code better}/{@code worse}/{@code within-noise}. */
    public static String versus(String verdict) {
        if (verdict == null) {
            return "no verdict: one seed on each side and no printed std";
        }
        return switch (verdict) {
            case "better" -> "better than the single-task baseline beyond seed noise";
            case "worse" -> "worse than the single-task baseline beyond seed noise";
            case "within-noise" -> "within seed noise of the single-task baseline (≈0)";
            default -> verdict;
        };
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix =
                mod100 >= 11 && mod100 <= 13
                        ? "th"
                        : switch (n % 10) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        };
        return n + suffix;
    }

    /**
     * The ± part of a row's Δm: the std over its seeds, or for a literature row that stands for a
     * published mean the std the publication printed, as far as it is the std of the Δm shown
     * (marked "printed", or "printed, flat" when it was printed for the other convention on a
     * benchmark where both are the same average), or for a row without either its setting's pooled
     * seed std that it is ranked with (marked "pooled").
     */
    public static String deltaStd(LeaderboardView.LeaderboardRowView row, String convention) {
        LeaderboardView.Stat s = pickStat(row.deltaM(), convention);
        if (s != null && s.std() != null) {
            // two decimals like the Δm beside it: a baseline's Δm is 0 up to rounding, which would
            // otherwise ask for five
            return "± " + fixed(s.std(), 2);
        }
        LeaderboardView.DeltaMView d = row.deltaM();
        if (d == null) {
            return "";
        }
        boolean flat = "flat".equals(convention);
        Double printed = flat ? d.flatPrintedStd() : d.perTaskPrintedStd();
        if (printed != null) {
            Published p = row.published();
            Double same = p == null ? null : flat ? p.deltaMFlatStd() : p.deltaMPerTaskStd();
            return same != null
                    ? String.format(Locale.ROOT, "± %.2f (printed)", printed)
                    : String.format(
                            Locale.ROOT,
                            "± %.2f (printed, %s)",
                            printed,
                            flat ? "per task" : "flat");
        }
        Double pooled = flat ? d.flatPooledStd() : d.perTaskPooledStd();
        return pooled == null ? "" : String.format(Locale.ROOT, "± %.2f (pooled)", pooled);
    }

    /**
     * "printed −1.50": the Δm the publication printed, in the convention shown when it printed
     * that one, else in the other (named); empty when it printed none.
     */
    public static String printed(LeaderboardView.LeaderboardRowView row, String convention) {
        Published p = row.published();
        if (p == null) {
            return "";
        }
        boolean flat = "flat".equals(convention);
        Double same = flat ? p.deltaMFlat() : p.deltaMPerTask();
        Double other = flat ? p.deltaMPerTask() : p.deltaMFlat();
        if (same != null) {
            return "printed " + signed(same);
        }
        return other == null
                ? ""
                : "printed " + signed(other) + " (" + (flat ? "per task" : "flat") + ")";
    }

    /** The first metric of the second task (of the first task when there is one task): the Pareto view's y axis. */
    public static String secondTaskMetric(LeaderboardView view) {
        List<String> tasks =
                view.metrics().stream().map(LeaderboardView.MetricColumn::task).distinct().toList();
        return view.metrics().stream()
                .filter(c -> tasks.size() < 2 || c.task().equals(tasks.get(1)))
                .map(LeaderboardView.MetricColumn::key)
                .filter(k -> !k.equals(view.metrics().get(0).key()))
                .findFirst()
                .orElse(view.metrics().get(0).key());
    }

    /** This view's URL with cross-protocol rows ranked. */
    public static String crossProtocolLink(LeaderboardView view) {
        String q = query(view, view.sort(), explicitOrder(view), 1);
        if (q.contains("crossProtocol=include")) {
            return "/leaderboards/" + view.benchmark().id() + q;
        }
        return "/leaderboards/"
                + view.benchmark().id()
                + (q.isEmpty() ? "?" : q + "&")
                + "crossProtocol=include";
    }

    /** The link to this view without its search: every row of the board again, from page 1. */
    public static String clearSearchLink(LeaderboardView view) {
        return link(view, query(view, view.sort(), explicitOrder(view), 1, false));
    }

    /** "3 rows match" or "1 row matches". */
    public static String matchCount(int n) {
        return n + (n == 1 ? " row matches" : " rows match");
    }

    /** The query string of this view, for the JSON and CSV links. */
    public static String queryString(LeaderboardView view) {
        return query(view, view.sort(), explicitOrder(view), view.page());
    }

    /** The view's order when it is not the sort key's default, else null (links leave it out). */
    public static String explicitOrder(LeaderboardView view) {
        return view.order().equals(view.defaultOrder()) ? null : view.order();
    }

    /** The view's page size when it is not the configured default, else null (links leave it out). */
    public static Integer explicitSize(LeaderboardView view) {
        return view.size() == defaultPageSize() ? null : view.size();
    }

    private static int defaultPageSize() {
        return ConfigProvider.getConfig()
                .unwrap(SmallRyeConfig.class)
                .getConfigMapping(MtlboardConfig.class)
                .leaderboard()
                .defaultPageSize();
    }

    /** "▲"/"▼" when the view is sorted by {@code key}. */
    public static String sortMark(LeaderboardView view, String key) {
        if (!view.sort().equals(key)) {
            return "";
        }
        return view.order().equals("asc") ? "▲" : "▼";
    }

    /** Whether a filter value is selected. */
    public static boolean selected(List<String> values, String value) {
        return values.contains(value);
    }

    private static String query(LeaderboardView view, String sort, String order, int page) {
        return query(view, sort, order, page, true);
    }

    private static String query(
            LeaderboardView view, String sort, String order, int page, boolean withSearch) {
        List<String> parts = new ArrayList<>();
        LeaderboardView.Filters f = view.filters();
        f.backbone().forEach(v -> parts.add("backbone=" + enc(v)));
        f.optimizer().forEach(v -> parts.add("optimizer=" + enc(v)));
        f.gradientLevel().forEach(v -> parts.add("gradientLevel=" + enc(v)));
        f.source().forEach(v -> parts.add("source=" + enc(v)));
        f.method().forEach(v -> parts.add("method=" + enc(v)));
        f.setting().forEach(v -> parts.add("setting=" + enc(v)));
        if ("include".equals(f.crossProtocol())) {
            parts.add("crossProtocol=include");
        }
        if (f.q() != null && withSearch) {
            parts.add("q=" + enc(f.q()));
        }
        if (!"per-task".equals(view.convention().id())) {
            parts.add("convention=" + enc(view.convention().id()));
        }
        if (!"rank".equals(sort)) {
            parts.add("sort=" + enc(sort));
        }
        if (order != null) {
            parts.add("order=" + order);
        }
        if (page > 1) {
            parts.add("page=" + page);
        }
        Integer size = explicitSize(view);
        if (size != null) {
            parts.add("size=" + size);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
