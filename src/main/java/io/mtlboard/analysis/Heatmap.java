package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.RankingSimilarity;
import io.mtlboard.analysis.ranking.Scoring;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import io.mtlboard.analysis.ranking.SeedScoring;
import io.mtlboard.analysis.ranking.SimilarityMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A ranking-similarity heatmap as served to the pages (METRICS.md §5): {@link SimilarityMatrix}
 * cells with their axes labelled, and a plain statement when the data is too thin to conclude.
 *
 * @param axes the scorings, in row and column order
 * @param cells {@code cells[i][j]}: agreement of scoring i with scoring j, with n and the n &lt; 5 mark
 * @param reliableCells off-diagonal cells with a value over at least {@value Agreement#MIN_RELIABLE_METHODS}
 *     shared methods
 * @param message why nothing can be concluded, or null
 * @param intervals {@code intervals[i][j]}: the seed-bootstrap 95 % interval of cell (i, j)
 *     ({@link SeedBootstrap}), null where undefined; pages grey out cells whose interval includes 0
 */
public record Heatmap(
        String subject,
        List<Axis> axes,
        List<List<Agreement>> cells,
        int reliableCells,
        String message,
        List<List<IntervalView>> intervals) {

    /**
     * A cell's 95 % bootstrap interval and whether it includes 0.
     *
     * @param rows how many rows (or methods) the coefficient ranks
     * @param singleRunRows how many of them have one run and no pooled seed std to stand in for
     *     their spread: they add no seed spread, so when some do the interval is too narrow (a cell
     *     where all do has no interval)
     * @param standInRows how many have one run whose seed noise is the pooled seed std of the rows
     *     with two or more runs (METRICS.md §5)
     */
    public record IntervalView(
            double low,
            double high,
            boolean includesZero,
            int draws,
            int rows,
            int singleRunRows,
            int standInRows) {

        /** An interval over rows that all have two or more runs. */
        public IntervalView(double low, double high, boolean includesZero, int draws) {
            this(low, high, includesZero, draws, 0, 0, 0);
        }

        static IntervalView of(SeedBootstrap.Interval i) {
            return i == null
                    ? null
                    : new IntervalView(
                            i.low(),
                            i.high(),
                            i.includesZero(),
                            i.draws(),
                            i.entries(),
                            i.singleRunEntries(),
                            i.standInEntries());
        }

        /**
         * What the interval leaves out or assumes, in words ("" when every row has two or more
         * runs), e.g. "; 3 of 8 rows have one run and add no seed spread, so the interval is too
         * narrow".
         */
        public String caveat() {
            if (singleRunRows > 0) {
                return "; "
                        + singleRunRows
                        + " of "
                        + rows
                        + " rows have one run and add no seed spread, so the interval is too"
                        + " narrow";
            }
            return standInRows == 0
                    ? ""
                    : "; "
                            + standInRows
                            + " of "
                            + rows
                            + " rows have one run, whose seed noise is taken as the pooled seed std"
                            + " of the rows with two or more";
        }
    }

    /** Why a cell with a coefficient has no interval, in words. */
    public static final String NO_INTERVAL =
            "no seed interval, so not tested against seed noise (the rows have one run each, or the"
                    + " coefficient is undefined in most resamples)";

    /**
     * One scoring on the heatmap axes.
     *
     * @param orientation which direction of the scoring is read as better
     * @param n how many entries (rows or methods) the scoring has
     */
    public record Axis(String key, String label, String orientation, int n) {}

    public Heatmap {
        axes = List.copyOf(axes);
        cells = cells.stream().map(List::copyOf).toList();
        intervals =
                intervals == null
                        ? null
                        : intervals.stream()
                                .map(row -> Collections.unmodifiableList(new ArrayList<>(row)))
                                .toList();
    }

    /**
     * The heatmap of every pair of scorings with the seed-bootstrap interval of every cell:
     * {@code seeds} are the same scorings before averaging over seeds, in the same order.
     */
    static Heatmap of(
            List<Scoring> scorings,
            List<SeedScoring> seeds,
            Map<String, String> labels,
            Coefficient coefficient,
            String subject) {
        Heatmap plain = of(scorings, labels, coefficient, subject);
        SeedBootstrap.Interval[][] b =
                SeedBootstrap.intervals(seeds, coefficient, SeedBootstrap.DRAWS, 20261204L);
        List<List<IntervalView>> intervals = new ArrayList<>();
        for (SeedBootstrap.Interval[] row : b) {
            List<IntervalView> r = new ArrayList<>();
            for (SeedBootstrap.Interval i : row) {
                r.add(IntervalView.of(i));
            }
            intervals.add(r);
        }
        return new Heatmap(
                plain.subject(),
                plain.axes(),
                plain.cells(),
                plain.reliableCells(),
                plain.message(),
                intervals);
    }

    /** The heatmap of every pair of scorings; {@code subject} names what they rank (e.g. "methods"). */
    static Heatmap of(
            List<Scoring> scorings,
            Map<String, String> labels,
            Coefficient coefficient,
            String subject) {
        SimilarityMatrix m = RankingSimilarity.matrix(scorings, coefficient);
        int reliable = 0;
        for (int i = 0; i < scorings.size(); i++) {
            for (int j = 0; j < scorings.size(); j++) {
                Agreement a = m.cell(i, j);
                reliable += i != j && a.value() != null && !a.unreliable() ? 1 : 0;
            }
        }
        List<Axis> axes =
                scorings.stream()
                        .map(
                                s ->
                                        new Axis(
                                                s.name(),
                                                labels.getOrDefault(s.name(), s.name()),
                                                s.orientation() == Orientation.HIGHER_IS_BETTER
                                                        ? "higher is better"
                                                        : "lower is better",
                                                s.values().size()))
                        .toList();
        String message = null;
        if (scorings.size() < 2) {
            message =
                    "Too little data to conclude: "
                            + (scorings.isEmpty() ? "nothing" : "only one scoring")
                            + " to compare.";
        } else if (reliable == 0) {
            message =
                    "Too little data to conclude: no two scorings share "
                            + Agreement.MIN_RELIABLE_METHODS
                            + " or more "
                            + subject
                            + "; every cell has n < "
                            + Agreement.MIN_RELIABLE_METHODS
                            + ".";
        }
        return new Heatmap(subject, axes, m.cells(), reliable, message, null);
    }
}
