package io.mtlboard.support;

/**
 * One problem with one input field, as listed in a problem+json body.
 *
 * @param field the query parameter, path parameter or JSON pointer the problem is about
 * @param message what is wrong and, where it helps, what is allowed
 */
public record Violation(String field, String message) {}
