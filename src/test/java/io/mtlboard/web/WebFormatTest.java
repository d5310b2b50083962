package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.run.Published;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebFormatTest {

    private static LeaderboardView.LeaderboardRowView row(
            String source, String optimizer, LeaderboardView.Baseline baseline) {
        LeaderboardView.Stat zero = new LeaderboardView.Stat(0, null, 1);
        return new LeaderboardView.LeaderboardRowView(
                1,
                new Ref("ew", "EW"),
                "EW",
                new Ref("net", "Net"),
                optimizer,
                "param",
                source,
                1,
                List.of(1L),
                "c",
                Map.of(),
                new LeaderboardView.DeltaMView(
                        zero, zero, "gain", baseline, null, null, null, null, null, null),
                null,
                new LeaderboardView.SettingRef("net@mtlboard", "Net · MTLBoard protocol"),
                "ranked",
                null,
                "net@mtlboard~ew~" + optimizer + "~param~" + source,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldMarkBaselinesFromAnotherPublicationOrOptimizerOnly() {
        var reference =
                new LeaderboardView.Baseline(
                        List.of(9L),
                        "reference",
                        "MTLBoard reference run (stl.json)",
                        "adam",
                        "mtlboard",
                        "MTLBoard protocol",
                        false,
                        false);
        // MTLBoard's own rows against MTLBoard's own single-task row are not marked, whatever their
        // source
        assertThat(WebFormat.foreignBaseline(row("reference", "adam", reference))).isFalse();
        assertThat(WebFormat.foreignBaseline(row("verified", "adam", reference))).isFalse();
        var sgd =
                new LeaderboardView.Baseline(
                        List.of(9L),
                        "reference",
                        "MTLBoard reference run (stl.json)",
                        "adam",
                        "mtlboard",
                        "MTLBoard protocol",
                        false,
                        true);
        assertThat(WebFormat.foreignBaseline(row("reference", "sgd", sgd))).isTrue();
        assertThat(WebFormat.baselineTitle(row("reference", "sgd", sgd)))
                .endsWith("optimizer adam — no single-task row was trained with sgd");
        var paper =
                new LeaderboardView.Baseline(
                        List.of(3L),
                        "literature",
                        "Paper A",
                        "unreported",
                        "a",
                        "A protocol",
                        true,
                        false);
        assertThat(WebFormat.foreignBaseline(row("literature", "unreported", paper))).isTrue();
        assertThat(WebFormat.baselineTitle(row("literature", "unreported", paper)))
                .isEqualTo(
                        "Baseline from another publication: single-task row of the A protocol (Paper A), "
                                + "optimizer unreported");
    }

    @Test
    void shouldGroupThousandsOfACount() {
        assertThat(WebFormat.thousands(10000)).isEqualTo("10,000");
        assertThat(WebFormat.thousands(999)).isEqualTo("999");
        assertThat(WebFormat.thousands(null)).isEqualTo("—");
    }

    @Test
    void shouldSpellOrdinals() {
        assertThat(
                        List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 103).stream()
                                .map(WebFormat::ordinal)
                                .toList())
                .containsExactly(
                        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd",
                        "103rd");
    }

    @Test
    void shouldGiveStdsTheDecimalsOfTheirMeanAndNeverPrintMinusZero() {
        assertThat(WebFormat.std(new LeaderboardView.Stat(53.5, 0.17056, 3))).isEqualTo("± 0.17");
        assertThat(WebFormat.std(new LeaderboardView.Stat(0.3926, 0.01234, 3)))
                .isEqualTo("± 0.0123");
        assertThat(WebFormat.signed(-0.001)).isEqualTo("0.00");
        assertThat(WebFormat.signed(1.144)).isEqualTo("+1.14");
        assertThat(WebFormat.num(-0.000001)).isEqualTo("0.00000");
        assertThat(WebFormat.num(53.5)).isEqualTo("53.50");
    }

    @Test
    void shouldGiveTheStdOfABaselinesDeltaMTwoDecimalsLikeTheDeltaM() {
        // a single-task row's Δm is 0 up to rounding (1e-15 here), its std is real
        LeaderboardView.Stat base = new LeaderboardView.Stat(1e-15, 0.522993, 3);
        LeaderboardView.LeaderboardRowView r = row("reference", "adam", null);
        LeaderboardView.LeaderboardRowView baseline =
                new LeaderboardView.LeaderboardRowView(
                        null,
                        r.method(),
                        r.methodLabel(),
                        r.backbone(),
                        r.optimizer(),
                        r.gradientLevel(),
                        r.source(),
                        3,
                        r.runIds(),
                        r.citation(),
                        r.metrics(),
                        new LeaderboardView.DeltaMView(
                                base, base, "gain", null, null, null, null, null, null, null),
                        null,
                        r.setting(),
                        "baseline",
                        null,
                        r.key(),
                        null,
                        null,
                        null,
                        null);
        assertThat(WebFormat.signed(base.mean())).isEqualTo("0.00");
        assertThat(WebFormat.deltaStd(baseline, "per-task")).isEqualTo("± 0.52");
    }

    @Test
    void shouldNameThePrintedDeltaMOfTheConventionShownOrSayWhichOneItIs() {
        LeaderboardView.LeaderboardRowView r = row("literature", "adam", null);
        LeaderboardView.LeaderboardRowView perTask =
                withPublished(r, new Published(-1.5, 0.29, null, null, "the paper's own slip"));
        assertThat(WebFormat.printed(perTask, "per-task")).isEqualTo("printed -1.50");
        assertThat(WebFormat.printed(perTask, "flat")).isEqualTo("printed -1.50 (per task)");
        LeaderboardView.LeaderboardRowView flat =
                withPublished(r, new Published(null, null, 0.39, 0.21, null));
        assertThat(WebFormat.printed(flat, "per-task")).isEqualTo("printed +0.39 (flat)");
        assertThat(WebFormat.deltaStd(flat, "flat")).isEqualTo("± 0.21 (printed)");
        // the flat std is per-task Δm's only where both conventions are the same average
        assertThat(WebFormat.deltaStd(flat, "per-task")).isEmpty();
        LeaderboardView.LeaderboardRowView coinciding =
                withPublished(r, new Published(null, null, 0.39, 0.21, null), true);
        assertThat(WebFormat.deltaStd(coinciding, "per-task")).isEqualTo("± 0.21 (printed, flat)");
        assertThat(WebFormat.printed(r, "per-task")).isEmpty();
    }

    private static LeaderboardView.LeaderboardRowView withPublished(
            LeaderboardView.LeaderboardRowView r, Published p) {
        return withPublished(r, p, false);
    }

    /** The row with a publication's Δm, on a benchmark whose conventions coincide or not. */
    private static LeaderboardView.LeaderboardRowView withPublished(
            LeaderboardView.LeaderboardRowView r, Published p, boolean coincide) {
        LeaderboardView.DeltaMView d = r.deltaM();
        LeaderboardView.DeltaMView deltaM =
                new LeaderboardView.DeltaMView(
                        d.perTask(),
                        d.flat(),
                        d.sign(),
                        d.baseline(),
                        d.perTaskVsBaseline(),
                        d.flatVsBaseline(),
                        d.perTaskPooledStd(),
                        d.flatPooledStd(),
                        DeltaM.printedStd(
                                p.deltaMPerTaskStd(),
                                p.deltaMFlatStd(),
                                DeltaM.Convention.PER_TASK,
                                coincide),
                        DeltaM.printedStd(
                                p.deltaMPerTaskStd(),
                                p.deltaMFlatStd(),
                                DeltaM.Convention.FLAT,
                                coincide));
        return new LeaderboardView.LeaderboardRowView(
                r.rank(),
                r.method(),
                r.methodLabel(),
                r.backbone(),
                r.optimizer(),
                r.gradientLevel(),
                r.source(),
                r.seeds(),
                r.runIds(),
                r.citation(),
                r.metrics(),
                deltaM,
                p,
                r.setting(),
                r.role(),
                r.unranked(),
                r.key(),
                r.links(),
                r.efficiency(),
                null,
                null);
    }
}
