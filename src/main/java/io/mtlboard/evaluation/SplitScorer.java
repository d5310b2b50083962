package io.mtlboard.evaluation;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.Sample;
import io.mtlboard.benchmark.metric.TaskScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The one scoring core of MTLBoard: runs a model over a whole split in batches of {@link #BATCH}
 * samples, checks the output contract of every batch (one output per task, the declared shapes,
 * finite values) and feeds each task's output, with its targets, to that task's streaming
 * {@link TaskScorer} (METRICS.md §1). Submitted models, the reference trainer's validation and test
 * scoring, and the worker's corrupted test splits all go through it. Native memory is scoped per
 * batch.
 */
public final class SplitScorer {

    /** Samples per batch. */
    public static final int BATCH = 100;

    /** A model run on one normalized input batch {@code N × C × H × W}: one output per task. */
    @FunctionalInterface
    public interface BatchModel {
        NDList run(NDArray input) throws ModelFault;
    }

    private final BenchmarkManifest manifest;

    public SplitScorer(BenchmarkManifest manifest) {
        this.manifest = manifest;
    }

    /** A predictor as a batch model; its failures are the model's faults. */
    public static BatchModel of(Predictor<NDList, NDList> predictor) {
        return input -> run(predictor, input);
    }

    /** Scores the subject of an evaluation (its predictor on its model's manager). */
    public Map<String, Double> score(
            ModelEvaluator.Subject subject, BenchmarkDataset data, ModelEvaluator.Progress progress)
            throws ModelFault {
        return score(of(subject.predictor()), subject.model().getNDManager(), data, progress);
    }

    /**
     * Every metric of the benchmark over {@code data}, keyed {@code task.metric} in manifest order.
     *
     * @param manager the parent of the per-batch managers
     * @param progress receives the samples done and {@code data.size()} after every batch
     * @throws ModelFault when the model fails on a batch or breaks the output contract
     */
    public Map<String, Double> score(
            BatchModel model,
            NDManager manager,
            BenchmarkDataset data,
            ModelEvaluator.Progress progress)
            throws ModelFault {
        return score(model, manager, data, progress, null);
    }

    /**
     * As {@link #score(BatchModel, NDManager, BenchmarkDataset, ModelEvaluator.Progress)}, reading
     * the next batch's samples on {@code reader} while the model runs on the current one: for
     * splits whose samples are costly to read (a corrupted split corrupts them when read).
     *
     * @param reader the thread reading ahead; null to read in turn
     */
    Map<String, Double> score(
            BatchModel model,
            NDManager manager,
            BenchmarkDataset data,
            ModelEvaluator.Progress progress,
            ExecutorService reader)
            throws ModelFault {
        SplitBatches batches = new SplitBatches(manifest, data);
        List<TaskScorer> scorers = scorers();
        Future<List<Sample>> next = read(reader, batches, 0, Math.min(BATCH, data.size()));
        try {
            for (int from = 0; from < data.size(); from += BATCH) {
                int n = Math.min(BATCH, data.size() - from);
                List<Sample> samples = await(next);
                int after = from + BATCH;
                next =
                        after < data.size()
                                ? read(reader, batches, after, Math.min(BATCH, data.size() - after))
                                : null;
                scoreBatch(model, manager, samples, batches, scorers);
                progress.update(from + n, data.size());
            }
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        for (int t = 0; t < scorers.size(); t++) {
            String task = manifest.tasks().get(t).name();
            scorers.get(t).values().forEach((metric, v) -> measured.put(task + "." + metric, v));
        }
        return measured;
    }

    private void scoreBatch(
            BatchModel model,
            NDManager manager,
            List<Sample> samples,
            SplitBatches batches,
            List<TaskScorer> scorers)
            throws ModelFault {
        int n = samples.size();
        try (NDManager batch = manager.newSubManager()) {
            NDList outputs = model.run(batches.input(batch, samples));
            outputs.attach(batch);
            Contract.check(manifest, outputs, n);
            for (int t = 0; t < scorers.size(); t++) {
                scorers.get(t)
                        .add(
                                Contract.finite(manifest.tasks().get(t), outputs.get(t)),
                                SplitBatches.targets(samples, t));
            }
        }
    }

    private static Future<List<Sample>> read(
            ExecutorService reader, SplitBatches batches, int from, int n) {
        return reader == null
                ? CompletableFuture.completedFuture(batches.read(from, n))
                : reader.submit(() -> batches.read(from, n));
    }

    private static List<Sample> await(Future<List<Sample>> samples) {
        try {
            return samples.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading samples", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        }
    }

    private List<TaskScorer> scorers() {
        List<TaskScorer> scorers = new ArrayList<>();
        for (BenchmarkManifest.TaskSpec t : manifest.tasks()) {
            scorers.add(
                    TaskScorer.forKind(
                            t.kind(),
                            t.classes() == null ? 0 : t.classes(),
                            t.ignoreLabelOrDefault(),
                            manifest.input().height(),
                            manifest.input().width()));
        }
        return scorers;
    }

    /** Runs the predictor on one batch; whatever the model throws is its fault. */
    static NDList run(Predictor<NDList, NDList> predictor, NDArray input) throws ModelFault {
        try {
            return predictor.predict(new NDList(input));
        } catch (TranslateException | RuntimeException e) {
            throw new ModelFault(
                    "the model failed on an input of shape "
                            + input.getShape()
                            + ": "
                            + ModelErrors.brief(e),
                    ModelErrors.fullText(e));
        }
    }
}
