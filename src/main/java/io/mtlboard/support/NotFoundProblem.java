package io.mtlboard.support;

import java.util.List;

/** Thrown when a named benchmark, method, backbone or run does not exist (HTTP 404). */
public class NotFoundProblem extends ProblemException {

    public NotFoundProblem(String detail) {
        super(detail, List.of());
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String title() {
        return "Not found";
    }

    @Override
    public String slug() {
        return "not-found";
    }
}
