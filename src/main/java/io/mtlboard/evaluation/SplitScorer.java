package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.TranslateException;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.metric.TaskScorer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Scores a model over a whole split: feeds the batches of a {@link DjlBenchmarkDataset} to the
 * model and each task's output, with its labels, to that task's streaming {@link TaskScorer}
 * (METRICS.md §1). Native memory is scoped per batch.
 */
public final class SplitScorer {

    private final BenchmarkManifest manifest;

    public SplitScorer(BenchmarkManifest manifest) {
        this.manifest = manifest;
    }

    /**
     * Runs {@code model} (batch input → one output per task, in task order) over every batch.
     *
     * @return every metric by its key {@code task.metric}, in manifest order
     */
    public Map<String, Double> score(DjlBenchmarkDataset dataset, NDManager manager, UnaryOperator<NDList> model)
            throws IOException, TranslateException {
        List<TaskScorer> scorers = new ArrayList<>();
        int h = manifest.input().height();
        int w = manifest.input().width();
        for (BenchmarkManifest.TaskSpec t : manifest.tasks()) {
            scorers.add(TaskScorer.forKind(t.kind(), t.classes() == null ? 0 : t.classes(), t.ignoreLabelOrDefault(),
                    h, w));
        }
        for (Batch batch : dataset.getData(manager)) {
            try (batch; NDManager scope = manager.newSubManager()) {
                NDList outputs = model.apply(batch.getData());
                outputs.attach(scope);
                if (outputs.size() != scorers.size()) {
                    throw new IllegalStateException("the model returned " + outputs.size() + " outputs for "
                            + scorers.size() + " tasks");
                }
                for (int t = 0; t < scorers.size(); t++) {
                    scorers.get(t).add(floats(outputs.get(t)), floats(batch.getLabels().get(t)));
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (int t = 0; t < scorers.size(); t++) {
            String task = manifest.tasks().get(t).name();
            scorers.get(t).values().forEach((metric, v) -> values.put(task + "." + metric, v));
        }
        return values;
    }

    private static float[] floats(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
