package io.mtlboard.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.corruption.CorruptedDataset;
import io.mtlboard.benchmark.corruption.Corruption;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Robustness to corrupted inputs (METRICS.md §7, Elich et al., arXiv 2311.04698): every metric of
 * the benchmark on the whole test split under each {@link Corruption} at severities 1–5, with
 * {@link CorruptedDataset#EVALUATION_SEED} so that every run sees the same corrupted images. The
 * whole split is corrupted because the analysis compares with the evaluation's clean measurement,
 * which covers the whole split.
 *
 * <p>A condition under which the model fails or breaks the output contract (non-finite outputs,
 * other shapes) is skipped with a note, and no value is recorded for it: such a value would be
 * undefined. The clean verdict, measured before, never depends on it.
 */
public final class CorruptionSweep {

    /** Severities per corruption. */
    static final int SEVERITIES = 5;

    /** The measured conditions and what the log should say about them. */
    record Outcome(List<EvaluationDiagnostics.Corrupted> measured, List<String> notes) {}

    private CorruptionSweep() {}

    /** The corruptions named by their ids; all of METRICS.md §7 when {@code ids} is null or empty. */
    public static List<Corruption> corruptions(List<String> ids) {
        return ids == null || ids.isEmpty()
                ? List.of(Corruption.values())
                : ids.stream().map(String::trim).map(Corruption::byId).distinct().toList();
    }

    /** Number of corrupted passes over the test split. */
    static int conditions(List<Corruption> corruptions) {
        return corruptions.size() * SEVERITIES;
    }

    /**
     * libtorch threads of the corrupted passes: one core fewer than there are, since one core
     * corrupts the next batch while the others run the model, and at most {@code requested} when
     * the evaluation was given a thread count.
     */
    static int threads(Integer requested) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return requested == null ? cores : Math.max(1, Math.min(requested, cores));
    }

    /**
     * As {@link #run(BenchmarkManifest, BenchmarkDataset, List, SplitScorer.BatchModel, NDManager,
     * ModelEvaluator.Progress, int)} with the default {@link #threads(Integer) threads}.
     */
    static Outcome run(
            BenchmarkManifest manifest,
            BenchmarkDataset clean,
            List<Corruption> corruptions,
            SplitScorer.BatchModel model,
            NDManager manager,
            ModelEvaluator.Progress progress) {
        return run(manifest, clean, corruptions, model, manager, progress, threads(null));
    }

    /**
     * Scores {@code model} on every corrupted copy of {@code clean}: each corruption in
     * {@code corruptions} at severities 1–5.
     *
     * @param progress receives the samples done over all conditions and their total
     * @param modelThreads libtorch threads while the passes run
     */
    static Outcome run(
            BenchmarkManifest manifest,
            BenchmarkDataset clean,
            List<Corruption> corruptions,
            SplitScorer.BatchModel model,
            NDManager manager,
            ModelEvaluator.Progress progress,
            int modelThreads) {
        int threads = JniUtils.getNumThreads();
        ExecutorService reader =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "corrupted-split-reader");
                            t.setDaemon(true);
                            return t;
                        });
        try {
            JniUtils.setNumThreads(modelThreads);
            return new Run(
                            manifest,
                            clean,
                            model,
                            manager,
                            progress,
                            reader,
                            conditions(corruptions))
                    .all(corruptions);
        } finally {
            JniUtils.setNumThreads(threads);
            reader.shutdownNow();
        }
    }

    /** One sweep: the corrupted passes in order, with their progress, values and notes. */
    private static final class Run {

        private final BenchmarkManifest manifest;
        private final BenchmarkDataset clean;
        private final SplitScorer.BatchModel model;
        private final NDManager manager;
        private final ModelEvaluator.Progress progress;
        private final ExecutorService reader;
        private final long total;
        private final List<EvaluationDiagnostics.Corrupted> measured = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int done;
        private int skipped;

        Run(
                BenchmarkManifest manifest,
                BenchmarkDataset clean,
                SplitScorer.BatchModel model,
                NDManager manager,
                ModelEvaluator.Progress progress,
                ExecutorService reader,
                int conditions) {
            this.manifest = manifest;
            this.clean = clean;
            this.model = model;
            this.manager = manager;
            this.progress = progress;
            this.reader = reader;
            this.total = (long) conditions * clean.size();
        }

        Outcome all(List<Corruption> corruptions) {
            long start = System.nanoTime();
            for (Corruption c : corruptions) {
                for (int s = 1; s <= SEVERITIES; s++) {
                    one(c, s);
                }
            }
            int conditions = conditions(corruptions);
            notes.add(
                    String.format(
                            Locale.ROOT,
                            "robustness: %d of %d corrupted passes over the whole test split "
                                    + "(%d samples each, corruption seed %d%s) measured in %.1f s%s",
                            conditions - skipped,
                            conditions,
                            clean.size(),
                            CorruptedDataset.EVALUATION_SEED,
                            corruptions.size() == Corruption.values().length
                                    ? ""
                                    : "; only " + corruptions.stream().map(Corruption::id).toList(),
                            (System.nanoTime() - start) / 1e9,
                            skipped == 0
                                    ? ""
                                    : "; "
                                            + skipped
                                            + " skipped (see above), the verdict is unaffected"));
            return new Outcome(measured, notes);
        }

        private void one(Corruption c, int severity) {
            long offset = (long) done++ * clean.size();
            BenchmarkDataset corrupted =
                    new CorruptedDataset(
                            clean, manifest.input(), c, severity, CorruptedDataset.EVALUATION_SEED);
            try {
                Map<String, Double> values =
                        new SplitScorer(manifest)
                                .score(
                                        model,
                                        manager,
                                        corrupted,
                                        (d, t) -> progress.update(offset + d, total),
                                        reader);
                values.forEach(
                        (metric, v) -> {
                            if (Double.isFinite(v)) {
                                measured.add(
                                        new EvaluationDiagnostics.Corrupted(
                                                c.id(), severity, metric, v));
                            } else {
                                notes.add(
                                        "robustness: "
                                                + metric
                                                + " is undefined under "
                                                + c.id()
                                                + " at severity "
                                                + severity
                                                + " and not recorded");
                            }
                        });
            } catch (ModelFault fault) {
                skipped++;
                notes.add(
                        "robustness: "
                                + c.id()
                                + " at severity "
                                + severity
                                + " skipped, nothing recorded for it: "
                                + fault.getMessage());
                progress.update(offset + clean.size(), total);
            }
        }
    }
}
