package io.mtlboard.support;

/** Thrown when a named benchmark, method, backbone or run does not exist (HTTP 404). */
public class NotFoundProblem extends ProblemException {

    public NotFoundProblem(String detail) {
        super(Kind.NOT_FOUND, detail);
    }
}
