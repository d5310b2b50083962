package io.mtlboard.worker;

import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The worker's check of the diagnostics an evaluation process reported, before they are recorded:
 * the process ran an untrusted model, and one bad value must not cost the verdict (a rejected
 * write rolls back the whole record). Keeps FD only within [0, 1] with a finite mean entropy, and
 * corrupted measurements only of known corruptions, severities 1–5, the benchmark's metrics and
 * finite values, once per condition and metric.
 */
final class DiagnosticsCheck {

    private static final Set<String> CORRUPTIONS =
            Set.copyOf(Stream.of(Corruption.values()).map(Corruption::id).toList());

    /** What may be recorded (null when nothing) and what was dropped, for the log. */
    record Checked(EvaluationDiagnostics diagnostics, List<String> notes) {}

    private DiagnosticsCheck() {}

    static Checked check(EvaluationDiagnostics d, Set<String> metricKeys) {
        if (d == null) {
            return new Checked(null, List.of());
        }
        List<String> notes = new ArrayList<>();
        Double fd = d.testFd();
        Double entropy = d.testFdMeanEntropy();
        if (fd != null
                && !(fd >= 0
                        && fd <= 1
                        && entropy != null
                        && Double.isFinite(entropy)
                        && entropy >= 0)) {
            notes.add(
                    "FD "
                            + fd
                            + " (mean entropy "
                            + entropy
                            + ") is out of range and not recorded");
            fd = null;
            entropy = null;
        } else if (fd == null) {
            entropy = null;
        }
        List<EvaluationDiagnostics.Corrupted> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int dropped = 0;
        for (EvaluationDiagnostics.Corrupted c : d.corrupted()) {
            boolean valid =
                    c != null
                            && CORRUPTIONS.contains(c.corruption())
                            && c.severity() >= 1
                            && c.severity() <= 5
                            && metricKeys.contains(c.metricKey())
                            && Double.isFinite(c.measured());
            if (valid && seen.add(c.corruption() + "/" + c.severity() + "/" + c.metricKey())) {
                kept.add(c);
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            notes.add(
                    dropped
                            + " corrupted-split measurement(s) were invalid or repeated and are not recorded");
        }
        if (fd == null && kept.isEmpty()) {
            return new Checked(null, notes);
        }
        return new Checked(new EvaluationDiagnostics(fd, entropy, kept), notes);
    }
}
