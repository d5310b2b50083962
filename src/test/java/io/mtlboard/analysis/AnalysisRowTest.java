package io.mtlboard.analysis;

import static io.mtlboard.analysis.Rows.log;
import static io.mtlboard.analysis.Rows.row;
import static io.mtlboard.analysis.Rows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisRowTest {

    private static final String COS = "param.interTask.cosine";

    @Test
    void shouldTakeMeanAndSampleStdOverSeedsOfRunMeans() {
        // run means 0.2 and 0.4 -> mean 0.3, sample std sqrt(((−0.1)² + 0.1²) / 1) = 0.141421…
        AnalysisRow r =
                row(
                        "ew",
                        1.0,
                        List.of(run(1, log(COS, 0.1, 0.2, 0.3)), run(2, log(COS, 0.3, 0.4, 0.5))));
        var s = r.indicator(COS).orElseThrow();
        assertThat(s.n()).isEqualTo(2);
        assertThat(s.mean()).isCloseTo(0.3, within(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(r.lastValue(COS).orElseThrow().mean()).isCloseTo(0.4, within(1e-12));
        assertThat(r.trainingSeconds().orElseThrow().mean()).isCloseTo(30.0, within(1e-12));
        assertThat(r.indicator("fd.value")).isEmpty();
    }

    @Test
    void shouldAverageCurvesOverTheRunsThatLoggedEachEpoch() {
        // run 1 logs epochs 1-3, run 2 only epochs 1-2
        AnalysisRow r =
                row(
                        "ew",
                        1.0,
                        List.of(run(1, log(COS, 0.1, 0.2, 0.3)), run(2, log(COS, 0.3, 0.6))));
        List<EpochStat> curve = r.curve(COS);
        assertThat(curve).extracting(EpochStat::epoch).containsExactly(1, 2, 3);
        assertThat(curve).extracting(EpochStat::n).containsExactly(2, 2, 1);
        assertThat(curve.get(0).mean()).isCloseTo(0.2, within(1e-12));
        assertThat(curve.get(1).mean()).isCloseTo(0.4, within(1e-12));
        assertThat(curve.get(2).mean()).isCloseTo(0.3, within(1e-12));
        assertThat(curve.get(2).std()).isNull();
        assertThat(r.epochValues(COS)).containsExactly(0.1, 0.2, 0.3, 0.3, 0.6);
    }

    @Test
    void shouldKeyFeatureLevelVariantsApartAndPairOnTheRemainingIdentity() {
        AnalysisRow param = row("mgda", "lenet5", "adam", "param", 1.0, List.of());
        AnalysisRow feature = row("mgda", "lenet5", "adam", "feature", 2.0, List.of());
        assertThat(param.methodKey()).isEqualTo("mgda");
        assertThat(feature.methodKey()).isEqualTo("mgda@feature");
        assertThat(param.identityWithout("gradientLevel"))
                .isEqualTo(feature.identityWithout("gradientLevel"));
        assertThat(param.identityWithout("optimizer"))
                .isNotEqualTo(feature.identityWithout("optimizer"));
        assertThat(row("stl", 0.0, List.of()).singleTask()).isTrue();
    }
}
