package io.mtlboard.support;

import java.util.List;

/** Thrown when a request's input is invalid; lists every violation at once (HTTP 400). */
public class InvalidInputProblem extends ProblemException {

    public InvalidInputProblem(String detail, List<Violation> violations) {
        super(Kind.INVALID_INPUT, detail, violations);
    }
}
