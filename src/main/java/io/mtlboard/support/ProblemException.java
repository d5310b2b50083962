package io.mtlboard.support;

import java.util.List;

/**
 * A domain failure that maps to one problem+json response. Subclasses name the kind of problem;
 * services throw them and {@link ProblemMapper} turns them into responses.
 */
public abstract class ProblemException extends RuntimeException {

    private final List<Violation> violations;

    protected ProblemException(String detail, List<Violation> violations) {
        super(detail);
        this.violations = List.copyOf(violations);
    }

    /** HTTP status of this problem. */
    public abstract int status();

    /** Short, stable title of this kind of problem. */
    public abstract String title();

    /** Slug used in the problem type URI. */
    public abstract String slug();

    /** Every field problem found, possibly empty. */
    public List<Violation> violations() {
        return violations;
    }
}
