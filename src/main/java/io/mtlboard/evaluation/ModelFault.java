package io.mtlboard.evaluation;

/**
 * The submitted model is at fault: it cannot be loaded, rejects the benchmark's input, or breaks
 * the output contract. Evaluations that end with it are REJECTED and never retried.
 */
public class ModelFault extends Exception {

    public ModelFault(String reason) {
        super(reason);
    }

    public ModelFault(String reason, Throwable cause) {
        super(reason, cause);
    }
}
