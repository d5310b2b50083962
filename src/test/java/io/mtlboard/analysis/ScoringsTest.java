package io.mtlboard.analysis;

import static io.mtlboard.analysis.Rows.log;
import static io.mtlboard.analysis.Rows.row;
import static io.mtlboard.analysis.Rows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.ranking.Scoring;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringsTest {

    @Test
    void shouldScoreRowsByDeltaMWithoutTheBaselineOrRowsWithoutDeltaM() {
        AnalysisRow stl = row("stl", 0.0, List.of());
        AnalysisRow ew = row("ew", -1.0, List.of());
        AnalysisRow uw = row("uw", null, List.of());
        Scoring s = Scorings.deltaM(List.of(stl, ew, uw));
        assertThat(s.name()).isEqualTo("deltaM");
        assertThat(s.orientation()).isEqualTo(Orientation.HIGHER_IS_BETTER);
        assertThat(s.values()).containsOnly(entry(ew.key(), -1.0));
    }

    @Test
    void shouldScoreEveryLoggedIndicatorWithItsOrientation() {
        AnalysisRow ew =
                row("ew", -1.0, List.of(run(1, log("param.interTask.conflictRatio", 0.5, 0.3))));
        AnalysisRow uw = row("uw", 1.0, List.of(run(2, log("fd.value", 0.2))));
        AnalysisRow stl = row("stl", 0.0, List.of(run(3, log("fd.value", 0.9))));
        List<Scoring> s = Scorings.indicators(List.of(ew, uw, stl));
        assertThat(s)
                .extracting(Scoring::name)
                .containsExactly("param.interTask.conflictRatio", "fd.value");
        assertThat(s.get(0).orientation()).isEqualTo(Orientation.LOWER_IS_BETTER);
        assertThat(s.get(0).values().get(ew.key())).isCloseTo(0.4, within(1e-12));
        assertThat(s.get(1).values()).containsOnly(entry(uw.key(), 0.2));
    }

    @Test
    void shouldAverageAMethodsRowsWithinAGroup() {
        List<AnalysisRow> rows =
                List.of(
                        row("ew", "lenet5", "adam", "param", 1.0, List.of()),
                        row("ew", "lenet5", "sgd", "param", 2.0, List.of()),
                        row("mgda", "lenet5", "adam", "feature", 3.0, List.of()),
                        row("ew", "resnet-narrow", "adam", "param", -1.0, List.of()),
                        row("stl", "resnet-narrow", "adam", "param", 0.0, List.of()),
                        row("uw", "resnet-narrow", "adam", "param", null, List.of()));
        List<Scoring> s = Scorings.deltaMByGroup(rows, AnalysisRow::backboneId);
        assertThat(s).extracting(Scoring::name).containsExactly("lenet5", "resnet-narrow");
        assertThat(s.get(0).values()).containsOnly(entry("ew", 1.5), entry("mgda@feature", 3.0));
        assertThat(s.get(1).values()).containsOnly(entry("ew", -1.0));
    }
}
