package io.mtlboard.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mtlboard.evaluation.EvaluationResult;

/**
 * One line of the evaluation process's standard output: progress, the result, or an error with
 * its kind ({@code model}: the submitted model is at fault and is not retried;
 * {@code infrastructure}: the evaluation may be retried).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChildEvent(
        String event, Long done, Long total, EvaluationResult result, String kind, String message) {

    static final String PREFIX = "@mtlboard ";

    static ChildEvent progress(long done, long total) {
        return new ChildEvent("progress", done, total, null, null, null);
    }

    static ChildEvent result(EvaluationResult r) {
        return new ChildEvent("result", null, null, r, null, null);
    }

    static ChildEvent error(String kind, String message) {
        return new ChildEvent("error", null, null, null, kind, message);
    }
}
