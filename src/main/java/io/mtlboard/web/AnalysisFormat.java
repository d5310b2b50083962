package io.mtlboard.web;

import io.mtlboard.analysis.OptimizersView;
import io.mtlboard.analysis.PairView;
import io.mtlboard.analysis.PrintedStd;
import io.mtlboard.analysis.TaskGroupingView;
import io.mtlboard.leaderboard.LeaderboardView;
import io.quarkus.qute.TemplateExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text of the analysis pages' tables as the server renders them (namespace {@code afmt}): the
 * same words and decimals as the page scripts write when they redraw a table from the JSON
 * endpoint ({@code frontend/js/analysis-*.js}), so a page reads the same with and without them.
 */
@TemplateExtension(namespace = "afmt")
public final class AnalysisFormat {

    private AnalysisFormat() {}

    /** A number with a fixed number of decimals, or a dash. */
    public static String fixed(Double value, Integer digits) {
        return value == null ? "—" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** "mean ± std" with a fixed number of decimals; "mean" without a std; a dash without a value. */
    public static String stat(LeaderboardView.Stat s, Integer digits) {
        if (s == null) {
            return "—";
        }
        return fixed(s.mean(), digits) + (s.std() == null ? "" : " ± " + fixed(s.std(), digits));
    }

    /** "+1.23" for a positive difference, "−"-signed otherwise, a dash for none. */
    public static String difference(Double value) {
        return value == null ? "—" : (value > 0 ? "+" : "") + fixed(value, 2);
    }

    /** The Δm of one side of a pair: mean ± std over seeds, or ± the std the publication printed, marked. */
    public static String side(PairView.Side side, String convention) {
        LeaderboardView.Stat d = side.deltaM();
        PrintedStd printed = side.printedDeltaMStd();
        if (d == null || d.std() != null || printed == null) {
            return stat(d, 2);
        }
        return fixed(d.mean(), 2)
                + " ± "
                + fixed(printed.std(), 2)
                + " (printed"
                + (printed.convention().equals(convention) ? "" : ", " + printed.convention())
                + ")";
    }

    /**
     * A pair's verdict in words (METRICS.md §9): clear only beyond both sides' spreads; within seed
     * spread otherwise; not conclusive without a spread on both sides.
     */
    /**
     * The heading of the setting whose pairs start at {@code pairs[index]} (pairs come sorted by
     * setting): its name, with the benchmark's on the optimizer page, which can span every
     * benchmark, and how many pairs it holds; null when the pair continues the previous one's
     * setting. analysis-paired.js writes the same headings.
     */
    public static String groupHeading(List<PairView> pairs, Integer index, Boolean levels) {
        PairView p = pairs.get(index);
        if (index > 0 && pairs.get(index - 1).settingKey().equals(p.settingKey())) {
            return null;
        }
        int n = 0;
        while (index + n < pairs.size()
                && pairs.get(index + n).settingKey().equals(p.settingKey())) {
            n++;
        }
        return (levels ? "" : p.benchmark().name() + " · ")
                + p.settingName()
                + " · "
                + n
                + (n == 1 ? " pair" : " pairs");
    }

    public static String verdict(PairView p, Boolean levels) {
        if (p.difference() == null) {
            return "no Δm";
        }
        String better = levels ? "gains from the feature level" : "Adam better";
        String worse =
                levels
                        ? "loses at the feature level"
                        : "signsgd".equals(p.first().setting()) ? "signSGD better" : "SGD better";
        String direction = Boolean.TRUE.equals(p.secondBetter()) ? better : worse;
        if (p.clear() == null) {
            return direction + " on the means (" + unjudged(p) + ": not conclusive)";
        }
        String pooled =
                p.pooledStd() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; single-seed side with the setting's pooled seed std %.2f",
                                p.pooledStd());
        if (!p.clear()) {
            return "within seed spread (" + direction + " on the means" + pooled + ")";
        }
        return direction + " (clear" + pooled + ")";
    }

    /** The class of a pair's verdict cell: green or red only for a clear difference. */
    public static String verdictClass(PairView p) {
        if (p.difference() == null) {
            return "muted";
        }
        if (!Boolean.TRUE.equals(p.clear())) {
            return "within";
        }
        return Boolean.TRUE.equals(p.secondBetter()) ? "gain clear" : "loss clear";
    }

    private static String unjudged(PairView p) {
        for (PairView.Side s : List.of(p.first(), p.second())) {
            if (s.printedDeltaMStd() != null && !s.printedDeltaMStd().applies()) {
                return "std printed for the "
                        + s.printedDeltaMStd().convention()
                        + " convention only";
            }
        }
        return "no seed spread on both sides";
    }

    /** A pair's source, with the first part of its citation. */
    public static String source(PairView p) {
        return p.citation() == null ? p.source() : p.source() + " · " + p.citation().split(";")[0];
    }

    /** The seeds of a side, "?" when its publication did not state them. */
    public static String seeds(PairView.Side side) {
        return side.seeds() == null ? "?" : side.seeds().toString();
    }

    /** "1.85×", or a dash. */
    public static String ratio(Double value) {
        return value == null ? "—" : fixed(value, 2) + "×";
    }

    /**
     * The training time of a pair's side: its measured CPU time per step ("54.6 ms/step") when it
     * has one, else its logged training time ("292.2 ± 95.3 s"), else a dash.
     */
    public static String time(PairView.Side side) {
        if (side.stepCpuMs() != null) {
            return fixed(side.stepCpuMs().median(), 1) + " ms/step";
        }
        return side.trainingSeconds() == null ? "—" : stat(side.trainingSeconds(), 1) + " s";
    }

    /** The quartiles of a side's step cost, for the cell's title; empty without one. */
    public static String timeTitle(PairView.Side side) {
        return side.stepCpuMs() == null
                ? "logged training wall time, mean ± std over runs"
                : "CPU time per step, quartiles "
                        + fixed(side.stepCpuMs().q1(), 1)
                        + "–"
                        + fixed(side.stepCpuMs().q3(), 1)
                        + " ms over the measured rounds";
    }

    /** A pair's time ratio with what it compares: "0.87× per step", "1.85× logged", or a dash. */
    public static String timeRatio(PairView p) {
        if (p.timeRatio() == null) {
            return "—";
        }
        return ratio(p.timeRatio())
                + (PairView.STEP_COST.equals(p.timeBasis()) ? " per step" : " logged");
    }

    /** The first part of a benchmark name ("NYUv2" of "NYUv2 (…)"). */
    public static String shortName(String name) {
        return name == null ? "" : name.split(" \\(")[0];
    }

    /** A setting of the Pareto table: benchmark · setting · source · publication · level. */
    public static String paretoSetting(OptimizersView.ParetoSetting s) {
        return s.benchmark().name()
                + " · "
                + (s.setting() != null ? s.setting().label() : s.backboneName())
                + " · "
                + s.source()
                + (s.citation() == null ? "" : " · " + s.citation().split(";")[0])
                + " · "
                + s.gradientLevel();
    }

    /** The Pareto-optimal methods of both optimizers. */
    public static String paretoMethods(OptimizersView.ParetoSetting s) {
        return "Adam: "
                + orDash(String.join(", ", s.adam().optimalIds()))
                + "; SGD: "
                + orDash(String.join(", ", s.sgd().optimalIds()));
    }

    /** The counts a publication printed for a setting, or a dash. */
    public static String paretoPrinted(OptimizersView.ParetoSetting s) {
        OptimizersView.PublishedCounts p = s.published();
        if (p == null) {
            return "—";
        }
        return "Adam "
                + p.adamFull()
                + " / "
                + p.adamAgainstSgd()
                + ", SGD "
                + p.sgdFull()
                + " / "
                + p.sgdAgainstAdam()
                + " of 24 runs each; A2 Adam: "
                + counts(p.adamPerMethod())
                + " (total "
                + p.adamTotal()
                + "), SGD: "
                + counts(p.sgdPerMethod())
                + " (total "
                + p.sgdTotal()
                + ")"
                + (p.note() == null ? "" : " — " + p.note());
    }

    private static String counts(Map<String, Integer> map) {
        if (map == null || map.isEmpty()) {
            return "—";
        }
        return map.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "—" : s;
    }

    /** The name of a task-grouping strategy, as the page's legend names it. */
    public static String strategy(String id) {
        return switch (id) {
            case "optimal" -> "optimal (exact)";
            case "hoa" -> "higher-order approximation";
            case "esa" -> "early-stopping approximation";
            case "all_in_one" -> "all-in-one network";
            case "independent" -> "independent networks";
            default -> id;
        };
    }

    /** A budget as the page's scripts write it: "2" rather than "2.0". */
    public static String budget(Double value) {
        if (value == null) {
            return "—";
        }
        return value == Math.rint(value)
                ? Long.toString(Math.round(value))
                : String.format(Locale.ROOT, "%s", value);
    }

    /** The networks of a choice, "{a, b} @ 1 + {c} @ 1", or "nothing fits". */
    public static String networks(TaskGroupingView.GroupingView g) {
        if (g == null) {
            return "nothing fits";
        }
        return g.networks().stream()
                .map(n -> "{" + String.join(", ", n.tasks()) + "} @ " + budget(n.cost()))
                .collect(Collectors.joining(" + "));
    }

    /** A choice with its test loss in brackets, or a dash. */
    public static String choice(TaskGroupingView.GroupingView g) {
        return g == null ? "—" : networks(g) + " (" + fixed(g.totalLoss(), 5) + ")";
    }
}
