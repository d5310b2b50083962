package io.mtlboard.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.mtlboard.benchmark.BenchmarkManifest;
import java.util.Arrays;

/**
 * The output contract of a submitted model (DESIGN.md, submission contract): a tuple with one
 * tensor per task in the benchmark's task order, each of shape {@code N × output.shape}, with
 * finite values. Broken contracts are model faults with a reason a submitter can act on.
 */
final class Contract {

    private Contract() {
    }

    static void check(BenchmarkManifest m, NDList outputs, int n) throws ModelFault {
        if (outputs.size() != m.tasks().size()) {
            throw new ModelFault("the model returned " + outputs.size() + " output(s) but " + m.id() + " has "
                    + m.tasks().size() + " tasks " + m.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList()
                    + "; return a tuple with one tensor per task in this order");
        }
        for (int t = 0; t < outputs.size(); t++) {
            BenchmarkManifest.TaskSpec task = m.tasks().get(t);
            long[] expected = expected(task, n);
            long[] actual = outputs.get(t).getShape().getShape();
            if (!Arrays.equals(expected, actual)) {
                throw new ModelFault("output " + t + " (task '" + task.name() + "') has shape "
                        + Arrays.toString(actual) + " but " + Arrays.toString(expected) + " was expected");
            }
        }
    }

    /** The output's values as floats, after checking they are finite. */
    static float[] finite(BenchmarkManifest.TaskSpec task, NDArray output) throws ModelFault {
        float[] values = output.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new ModelFault("output for task '" + task.name() + "' contains " + (Float.isNaN(v) ? "NaN"
                        : "infinite") + " values");
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
