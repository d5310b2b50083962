package io.mtlboard.benchmark;

import java.util.List;

/** A benchmark manifest that breaks its schema or its rules; lists every problem at once. */
public class InvalidManifestException extends IllegalArgumentException {

    private final transient List<String> problems;

    public InvalidManifestException(String source, List<String> problems) {
        super("Benchmark manifest " + source + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in document order. */
    public List<String> problems() {
        return problems;
    }
}
