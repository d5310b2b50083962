package io.mtlboard.training.method;

/** EW (METHODS.md): minimize Σ_i L_i, every weight 1. The baseline every method must beat. */
final class EqualWeighting extends BaseMethod {

    EqualWeighting(int tasks) {
        super("ew", tasks, Level.NONE);
    }

    @Override
    Step step(StepInput input) {
        return new Step.Weights(Linear.filled(tasks, 1));
    }
}
