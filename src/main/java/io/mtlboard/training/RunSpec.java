package io.mtlboard.training;

/**
 * One reference run: benchmark × backbone × method × optimizer × gradient level × seed. The
 * method {@code stl} stands for the single-task baselines, one network per task.
 */
public record RunSpec(
        String benchmark,
        String backbone,
        String method,
        String optimizer,
        GradientLevel level,
        long seed) {

    /** The method id of single-task baselines. */
    public static final String SINGLE_TASK = "stl";

    /** Whether this is a single-task baseline. */
    public boolean singleTask() {
        return SINGLE_TASK.equals(method);
    }

    /** A file-name-safe name, unique within a benchmark. */
    public String name() {
        return backbone + "_" + method + "_" + level.id() + "_" + optimizer + "_seed" + seed;
    }
}
