package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.Arrays;
import java.util.List;

/**
 * The output contract of a submitted model (README, "Submitting a run"; the benchmark's
 * {@code output} in {@code benchmark.json}): a tuple (or list) with one floating-point tensor per
 * task in the benchmark's task order, each of shape {@code N × output.shape}, with finite values;
 * a dict or integer tensors break it. Broken contracts are model faults with a reason a
 * submitter can act on.
 */
final class Contract {

    private Contract() {}

    static void check(BenchmarkManifest m, NDList outputs, int n) throws ModelFault {
        // a dict output arrives as arrays named by their keys; a tuple's or a list's are unnamed
        List<String> keys =
                outputs.stream()
                        .map(NDArray::getName)
                        .filter(k -> k != null && !k.isEmpty())
                        .toList();
        if (!keys.isEmpty()) {
            throw new ModelFault(
                    "the model returned a dict with keys "
                            + keys
                            + "; return a tuple (or list) with one "
                            + "floating-point tensor per task in the order "
                            + taskNames(m));
        }
        if (outputs.size() != m.tasks().size()) {
            throw new ModelFault(
                    "the model returned "
                            + outputs.size()
                            + " output(s) but "
                            + m.id()
                            + " has "
                            + m.tasks().size()
                            + " tasks "
                            + m.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList()
                            + "; return a tuple with one tensor per task in this order");
        }
        for (int t = 0; t < outputs.size(); t++) {
            BenchmarkManifest.TaskSpec task = m.tasks().get(t);
            long[] expected = expected(task, n);
            long[] actual = outputs.get(t).getShape().getShape();
            if (!Arrays.equals(expected, actual)) {
                throw new ModelFault(
                        "output "
                                + t
                                + " (task '"
                                + task.name()
                                + "') has shape "
                                + Arrays.toString(actual)
                                + " but "
                                + Arrays.toString(expected)
                                + " was expected");
            }
            DataType type = outputs.get(t).getDataType();
            if (!type.isFloating()) {
                throw new ModelFault(
                        "output "
                                + t
                                + " (task '"
                                + task.name()
                                + "') is a tensor of "
                                + type
                                + "; the outputs must be floating-point tensors (logits or predictions), not "
                                + (type == DataType.BOOLEAN
                                        ? "booleans"
                                        : "integers such as class indices"));
            }
        }
    }

    private static List<String> taskNames(BenchmarkManifest m) {
        return m.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
    }

    /** The output's values as floats, after checking they are finite. */
    static float[] finite(BenchmarkManifest.TaskSpec task, NDArray output) throws ModelFault {
        float[] values = output.toType(DataType.FLOAT32, false).toFloatArray();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new ModelFault(
                        "output for task '"
                                + task.name()
                                + "' contains "
                                + (Float.isNaN(v) ? "NaN" : "infinite")
                                + " values");
            }
        }
        return values;
    }

    private static long[] expected(BenchmarkManifest.TaskSpec task, int n) {
        long[] shape = new long[task.output().shape().size() + 1];
        shape[0] = n;
        for (int i = 0; i < task.output().shape().size(); i++) {
            shape[i + 1] = task.output().shape().get(i);
        }
        return shape;
    }
}
