package io.mtlboard.support;

import java.util.List;

/**
 * A domain failure that maps to one problem+json response. Services throw it with the kind of
 * problem; {@link ProblemMapper} turns it into a response.
 */
public class ProblemException extends RuntimeException {

    /** The kinds of problem with their HTTP status, title and type slug. */
    public enum Kind {
        INVALID_INPUT(400, "Invalid request", "invalid-request"),
        UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
        FORBIDDEN(403, "Forbidden", "forbidden"),
        NOT_FOUND(404, "Not found", "not-found"),
        CONFLICT(409, "Conflict", "conflict"),
        PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
        QUOTA_EXCEEDED(429, "Quota exceeded", "quota-exceeded");

        private final int status;
        private final String title;
        private final String slug;

        Kind(int status, String title, String slug) {
            this.status = status;
            this.title = title;
            this.slug = slug;
        }
    }

    private final Kind kind;
    private final List<Violation> violations;

    public ProblemException(Kind kind, String detail, List<Violation> violations) {
        super(detail);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public ProblemException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    /** HTTP status of this problem. */
    public int status() {
        return kind.status;
    }

    /** Short, stable title of this kind of problem. */
    public String title() {
        return kind.title;
    }

    /** Slug used in the problem type URI. */
    public String slug() {
        return kind.slug;
    }

    /** Every field problem found, possibly empty. */
    public List<Violation> violations() {
        return violations;
    }
}
