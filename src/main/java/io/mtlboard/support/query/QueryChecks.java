package io.mtlboard.support.query;

import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates the query parameters of one request, collecting every problem so that the 400
 * response lists them all, each with the allowed values; the one place of these messages for the
 * API and the pages. Multi-valued parameters may be repeated or comma-separated.
 */
public class QueryChecks {

    private final List<Violation> violations = new ArrayList<>();

    /** Every value allowed; values may be repeated or comma-separated. */
    public List<String> many(String field, List<String> values, List<String> allowed) {
        List<String> clean = clean(values);
        for (String v : clean) {
            if (!allowed.contains(v)) {
                add(
                        field,
                        "'"
                                + v
                                + "' is not allowed; allowed values: "
                                + String.join(", ", allowed));
            }
        }
        return clean.stream().filter(allowed::contains).toList();
    }

    /** Whether no violation was found so far. */
    public boolean valid() {
        return violations.isEmpty();
    }

    /** One allowed value, or the default when absent. */
    public String one(String field, String value, List<String> allowed, String fallback) {
        if (blank(value)) {
            return fallback;
        }
        String v = value.trim();
        if (!allowed.contains(v)) {
            add(field, "'" + v + "' is not allowed; allowed values: " + String.join(", ", allowed));
            return fallback;
        }
        return v;
    }

    /** An integer in [min, max], or the default (which may be null) when absent or invalid. */
    public Integer integer(String field, String value, int min, int max, Integer fallback) {
        if (blank(value)) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        add(field, "'" + value + "' must be an integer between " + min + " and " + max);
        return fallback;
    }

    /** A number in (min, max], or null when absent. */
    public Double number(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double x = Double.parseDouble(value.trim());
            if (x > min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        add(field, "'" + value + "' must be a number greater than " + min + " and at most " + max);
        return null;
    }

    public void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    /** @throws InvalidInputProblem listing every violation found, if any */
    public void done(String what) {
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(
                    violations.size() + " invalid parameter(s) for " + what, violations);
        }
    }

    public static List<String> clean(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
