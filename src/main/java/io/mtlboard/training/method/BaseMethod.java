package io.mtlboard.training.method;

/** Id, task count, gradient levels and input checks shared by every method. */
abstract class BaseMethod implements MtlMethod {

    /**
     * Which per-task gradients a method was designed for (METHODS.md categories [L], [G], [G/F],
     * [F]). Information only: every gradient method runs on gradients of either level (the
     * feature-level surrogate Mao et al. test across methods); whether a method has a
     * feature-level guarantee is stated in the registry ({@code methods.json}).
     */
    enum Level {
        NONE,
        PARAMETER,
        PARAMETER_OR_FEATURE,
        FEATURE
    }

    private final String id;
    private final Level level;
    final int tasks;

    BaseMethod(String id, int tasks, Level level) {
        if (tasks < 2) {
            throw new IllegalArgumentException(
                    "a multi-task method needs at least 2 tasks, got " + tasks);
        }
        this.id = id;
        this.tasks = tasks;
        this.level = level;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean needsGradients() {
        return level != Level.NONE;
    }

    @Override
    public boolean supportsParameterLevel() {
        return level != Level.NONE;
    }

    @Override
    public boolean supportsFeatureLevel() {
        return level != Level.NONE;
    }

    @Override
    public final Step combine(StepInput input) {
        requireTasks(input.losses());
        if (needsGradients() && input.gradients() == null) {
            throw new IllegalArgumentException(id + " needs the per-task gradients");
        }
        return step(input);
    }

    /** {@link #combine} after the input has been checked. */
    abstract Step step(StepInput input);

    final void requireTasks(double[] losses) {
        if (losses.length != tasks) {
            throw new IllegalArgumentException(
                    id + " expects " + tasks + " task losses, got " + losses.length);
        }
    }

    static void requirePositive(double[] losses) {
        for (double loss : losses) {
            if (!(loss > 0)) {
                throw new IllegalArgumentException(
                        "this method needs positive losses, got " + loss);
            }
        }
    }
}
