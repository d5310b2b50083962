package io.mtlboard.support;

/**
 * Numeric ids from URL paths (runs, tokens). Resources take them as text and read them here, so
 * that {@code /api/runs/abc} answers a 404 problem saying that run ids are numbers, for every
 * endpoint alike, where a {@code long} path parameter would give a bare "No resource".
 */
public final class PathIds {

    private PathIds() {}

    /**
     * The id, or a 404 problem naming it.
     *
     * @param what the kind of thing in the singular, e.g. "run"
     */
    public static long parse(String id, String what) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundProblem("No " + what + " '" + id + "': " + what + " ids are numbers");
        }
    }
}
