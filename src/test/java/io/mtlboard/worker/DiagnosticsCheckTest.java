package io.mtlboard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.evaluation.EvaluationDiagnostics.Corrupted;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the worker keeps of the diagnostics an evaluation process reports. */
class DiagnosticsCheckTest {

    private static final Set<String> METRICS = Set.of("left.accuracy", "right.accuracy");

    @Test
    void shouldKeepValidDiagnosticsUnchanged() {
        EvaluationDiagnostics d =
                new EvaluationDiagnostics(
                        0.4,
                        0.41,
                        List.of(
                                new Corrupted("gaussian_noise", 1, "left.accuracy", 80.0),
                                new Corrupted("jpeg", 5, "right.accuracy", 70.0)));
        DiagnosticsCheck.Checked c = DiagnosticsCheck.check(d, METRICS);
        assertThat(c.diagnostics()).isEqualTo(d);
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void shouldDropWhatCannotBeRecordedAndSaySo() {
        EvaluationDiagnostics d =
                new EvaluationDiagnostics(
                        1.5,
                        0.1,
                        List.of(
                                new Corrupted("gaussian_noise", 1, "left.accuracy", 80.0),
                                new Corrupted("gaussian_noise", 1, "left.accuracy", 81.0),
                                new Corrupted("fog", 1, "left.accuracy", 80.0),
                                new Corrupted("contrast", 0, "left.accuracy", 80.0),
                                new Corrupted("contrast", 6, "left.accuracy", 80.0),
                                new Corrupted("contrast", 2, "middle.accuracy", 80.0),
                                new Corrupted("contrast", 2, "left.accuracy", Double.NaN)));
        DiagnosticsCheck.Checked c = DiagnosticsCheck.check(d, METRICS);
        assertThat(c.diagnostics().testFd()).isNull();
        assertThat(c.diagnostics().testFdMeanEntropy()).isNull();
        assertThat(c.diagnostics().corrupted())
                .containsExactly(new Corrupted("gaussian_noise", 1, "left.accuracy", 80.0));
        assertThat(c.notes())
                .containsExactly(
                        "FD 1.5 (mean entropy 0.1) is out of range and not recorded",
                        "6 corrupted-split measurement(s) were invalid or repeated and are not recorded");
    }

    @Test
    void shouldRecordNothingWhenNothingWasMeasured() {
        assertThat(DiagnosticsCheck.check(null, METRICS).diagnostics()).isNull();
        assertThat(
                        DiagnosticsCheck.check(
                                        new EvaluationDiagnostics(null, null, List.of()), METRICS)
                                .diagnostics())
                .isNull();
    }
}
