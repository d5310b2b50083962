package io.mtlboard.evaluation;

/**
 * The submitted model is at fault: it cannot be loaded, rejects the benchmark's input, or breaks
 * the output contract. Evaluations that end with it are REJECTED and never retried.
 */
public class ModelFault extends Exception {

    private final String detail;

    public ModelFault(String reason) {
        this(reason, (String) null);
    }

    public ModelFault(String reason, Throwable cause) {
        super(reason, cause);
        this.detail = null;
    }

    /**
     * A fault with its full text besides the reason, e.g. the whole TorchScript traceback of an
     * error the model raised: the reason carries its first lines, the run's log all of it.
     */
    public ModelFault(String reason, String detail) {
        super(reason);
        this.detail = detail;
    }

    /** The full text of the fault for the run's log, or null when the reason says it all. */
    public String detail() {
        return detail;
    }
}
