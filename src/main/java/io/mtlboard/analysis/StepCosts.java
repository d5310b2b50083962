package io.mtlboard.analysis;

import io.mtlboard.run.RowSource;
import io.mtlboard.training.ReferenceProtocol;
import io.mtlboard.training.StepCost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The measured step costs ({@link StepCost}) of the reference rows of one analysis: for a row
 * trained by MTLBoard under a protocol, the CPU milliseconds per training step of its configuration,
 * from the protocol's step-cost table when one was measured under the protocol's current definition.
 * The notes say which tables were used, and which were not and why.
 */
final class StepCosts {

    private final Path benchmarksDir;
    private final Map<String, Optional<StepCost.Table>> tables = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    StepCosts(Path benchmarksDir) {
        this.benchmarksDir = benchmarksDir;
    }

    /** The row's CPU milliseconds per step, or null when it is not a reference row of a measured protocol. */
    StepCost.Spread of(AnalysisRow row) {
        if (!RowSource.REFERENCE.id().equals(row.source())
                || row.settingId() == null
                || row.settingId().indexOf('@') < 0) {
            return null;
        }
        String protocol = row.settingId().substring(row.settingId().indexOf('@') + 1);
        return table(row.benchmarkId(), protocol)
                .flatMap(t -> t.entry(row.methodId(), row.gradientLevel(), row.optimizer()))
                .map(StepCost.Entry::cpuMs)
                .orElse(null);
    }

    /** What the tables used are and how they were measured; why others were not used. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private Optional<StepCost.Table> table(String benchmark, String protocol) {
        return tables.computeIfAbsent(benchmark + "/" + protocol, k -> load(benchmark, protocol));
    }

    private Optional<StepCost.Table> load(String benchmark, String protocol) {
        Path referenceDir = benchmarksDir.resolve("reference").resolve(benchmark);
        try {
            Optional<StepCost.Table> table = StepCost.read(referenceDir, protocol);
            if (table.isEmpty()) {
                return table;
            }
            String hash = ReferenceProtocol.read(benchmarksDir, benchmark, protocol).hash();
            if (!hash.equals(table.get().protocolHash())) {
                notes.add(
                        "The step-cost table of "
                                + protocol
                                + " was measured under an earlier definition of the protocol; its "
                                + "reference pairs compare logged wall times instead.");
                return Optional.empty();
            }
            StepCost.Table t = table.get();
            notes.add(
                    String.format(
                            Locale.ROOT,
                            "Time of the MTLBoard reference pairs of %s: CPU milliseconds per training step "
                                    + "(median and quartiles over %d rounds of %d steps), each configuration "
                                    + "timed back to back with the others on one machine (%s; %s, %d libtorch "
                                    + "thread(s), batch %d; %s), plain steps without the indicators the runs "
                                    + "log. The runs' own logged wall times are not compared: they were "
                                    + "trained on different machines beside other jobs. Other rows: logged "
                                    + "training wall time.",
                            protocol,
                            t.rounds(),
                            t.stepsPerRound(),
                            t.machine(),
                            t.engine(),
                            t.threads(),
                            t.batchSize(),
                            t.measuredAt()));
            return table;
        } catch (IOException | RuntimeException e) {
            notes.add(
                    "The step-cost table of "
                            + protocol
                            + " could not be read ("
                            + e.getMessage()
                            + "); its reference pairs compare logged wall times instead.");
            return Optional.empty();
        }
    }
}
