package io.mtlboard.benchmark.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaMTest {

    // NYUv2 metric layout: task, higher-is-better
    private static final String[] TASKS = {
        "seg", "seg", "depth", "depth", "normal", "normal", "normal", "normal", "normal"
    };
    private static final boolean[] HIGHER = {
        true, true, false, false, false, false, true, true, true
    };
    private static final double[] STL = {
        53.50, 75.39, 0.3926, 0.1605, 21.99, 15.16, 39.04, 65.00, 75.16
    };

    private static List<DeltaM.Term> nyu(double... model) {
        List<DeltaM.Term> terms = new ArrayList<>();
        for (int k = 0; k < model.length; k++) {
            terms.add(new DeltaM.Term(TASKS[k], HIGHER[k], model[k], STL[k]));
        }
        return terms;
    }

    @Test
    void shouldComputeBothConventionsByHandOnTwoTasks() {
        // task a: one metric, +10 % ; task b: two metrics, error down 20 % (gain) and acc down 10 %
        List<DeltaM.Term> terms =
                List.of(
                        new DeltaM.Term("a", true, 55.0, 50.0),
                        new DeltaM.Term("b", false, 0.8, 1.0),
                        new DeltaM.Term("b", true, 90.0, 100.0));
        DeltaM.Result r = DeltaM.of(terms);
        // flat: (10 + 20 - 10) / 3 ; per-task: (10 + (20 - 10) / 2) / 2
        assertThat(r.flat()).isCloseTo(20.0 / 3.0, within(1e-12));
        assertThat(r.perTask()).isCloseTo(7.5, within(1e-12));
    }

    @Test
    void shouldBeZeroWhenModelEqualsBaseline() {
        DeltaM.Result r = DeltaM.of(nyu(STL));
        assertThat(r.perTask()).isZero();
        assertThat(r.flat()).isZero();
    }

    @Test
    void shouldRejectZeroBaseline() {
        assertThatThrownBy(() -> DeltaM.of(List.of(new DeltaM.Term("a", true, 1.0, 0.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
    }

    @Test
    void shouldRejectEmptyInput() {
        assertThatThrownBy(() -> DeltaM.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** DB-MTL (arXiv 2308.12029) NYUv2 table: published Δp_task and Δp_metric, within ±0.02. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "EW,       53.93, 75.53, 0.3825, 0.1577, 23.57, 17.01, 35.04, 60.99, 72.05, -1.78, -3.85",
        "GLS,      54.59, 76.06, 0.3785, 0.1555, 22.71, 16.07, 36.89, 63.11, 73.81, +0.30, -1.10",
        "RLW,      54.04, 75.58, 0.3827, 0.1588, 23.07, 16.49, 36.12, 62.08, 72.94, -1.10, -2.64",
        "UW,       54.29, 75.64, 0.3815, 0.1583, 23.48, 16.92, 35.26, 61.17, 72.21, -1.52, -3.54",
        "DWA,      54.06, 75.64, 0.3820, 0.1564, 23.70, 17.11, 34.90, 60.74, 71.81, -1.71, -3.96",
        "IMTL-L,   53.89, 75.54, 0.3834, 0.1591, 23.54, 16.98, 35.09, 61.06, 72.12, -1.92, -3.90",
        "MGDA,     53.52, 74.76, 0.3852, 0.1566, 22.74, 16.00, 37.12, 63.22, 73.84, -0.64, -1.65",
        "GradNorm, 53.91, 75.38, 0.3842, 0.1571, 23.17, 16.62, 35.80, 61.90, 72.84, -1.24, -2.90",
        "PCGrad,   53.94, 75.62, 0.3804, 0.1578, 23.52, 16.93, 35.19, 61.17, 72.19, -1.57, -3.60",
        "GradDrop, 53.73, 75.54, 0.3837, 0.1580, 23.54, 16.96, 35.17, 61.06, 72.07, -1.85, -3.84",
        "GradVac,  54.21, 75.67, 0.3859, 0.1583, 23.58, 16.91, 35.34, 61.15, 72.10, -1.75, -3.72",
        "IMTL-G,   53.01, 75.04, 0.3888, 0.1603, 23.08, 16.43, 36.24, 62.23, 73.06, -1.89, -3.09",
        "CAGrad,   53.97, 75.54, 0.3885, 0.1588, 22.47, 15.71, 37.77, 63.82, 74.30, -0.27, -0.98",
        "Nash-MTL, 53.41, 74.95, 0.3867, 0.1612, 22.57, 15.94, 37.30, 63.40, 74.09, -1.01, -1.76",
        "MoCo,     52.25, 74.56, 0.3920, 0.1622, 22.82, 16.24, 36.58, 62.72, 73.49, -2.25, -3.03",
        "Aligned,  52.94, 75.00, 0.3884, 0.1570, 22.65, 16.07, 36.88, 63.18, 73.94, -0.98, -1.92",
        "IMTL,     53.63, 75.44, 0.3868, 0.1592, 22.58, 15.85, 37.44, 63.52, 74.09, -0.57, -1.38",
        "DB-MTL,   53.92, 75.60, 0.3768, 0.1557, 21.97, 15.37, 38.43, 64.81, 75.24, +1.15, +0.56",
    })
    void shouldReproducePublishedDbMtlNyuv2Columns(
            String method,
            double m1,
            double m2,
            double m3,
            double m4,
            double m5,
            double m6,
            double m7,
            double m8,
            double m9,
            double task,
            double flat) {
        DeltaM.Result r = DeltaM.of(nyu(m1, m2, m3, m4, m5, m6, m7, m8, m9));
        assertThat(r.perTask()).as("Δp_task of %s", method).isCloseTo(task, within(0.02));
        assertThat(r.flat()).as("Δp_metric of %s", method).isCloseTo(flat, within(0.02));
    }

    @Test
    void shouldGiveEveryModelAgainstOneBaselineWhatOfGives() {
        DeltaM.Against against = new DeltaM.Against(TASKS, HIGHER, STL);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int t = 0; t < 200; t++) {
            double[] model = new double[STL.length];
            for (int k = 0; k < model.length; k++) {
                model[k] = STL[k] * (0.5 + random.nextDouble());
            }
            assertThat(against.of(model)).isEqualTo(DeltaM.of(nyu(model)));
        }
        assertThatThrownBy(() -> new DeltaM.Against(TASKS, HIGHER, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSayTheConventionsCoincideOnlyWhenEveryTaskHasAsManyMetrics() {
        // Cityscapes: 2 and 2 metrics; NYUv2: 2, 2 and 5; one task alone trivially
        assertThat(DeltaM.conventionsCoincide(List.of("seg", "seg", "depth", "depth"))).isTrue();
        assertThat(
                        DeltaM.conventionsCoincide(
                                List.of("seg", "seg", "depth", "depth", "n", "n", "n", "n", "n")))
                .isFalse();
        assertThat(DeltaM.conventionsCoincide(List.of("a"))).isTrue();
        // and then every model has the same Δm in both, hence the same std over seeds
        DeltaM.Against cityscapes =
                new DeltaM.Against(
                        new String[] {"seg", "seg", "depth", "depth"},
                        new boolean[] {true, true, false, false},
                        new double[] {70, 90, 0.012, 30});
        DeltaM.Result r = cityscapes.of(new double[] {72, 91, 0.013, 28});
        assertThat(r.perTask()).isCloseTo(r.flat(), within(1e-12));
    }

    @Test
    void shouldLendTheOtherConventionsPrintedStdOnlyWhereTheConventionsCoincide() {
        var task = DeltaM.Convention.PER_TASK;
        var flat = DeltaM.Convention.FLAT;
        assertThat(DeltaM.printedStd(0.4, 0.2, task, false)).isEqualTo(0.4);
        assertThat(DeltaM.printedStd(0.4, 0.2, flat, false)).isEqualTo(0.2);
        // only a flat std printed (Elich et al.)
        assertThat(DeltaM.printedStd(null, 0.2, flat, false)).isEqualTo(0.2);
        assertThat(DeltaM.printedStd(null, 0.2, task, true)).isEqualTo(0.2);
        assertThat(DeltaM.printedStd(null, 0.2, task, false)).isNull();
        assertThat(DeltaM.printedStd(0.4, null, flat, false)).isNull();
        assertThat(DeltaM.printedStd(null, null, task, true)).isNull();
    }
}
