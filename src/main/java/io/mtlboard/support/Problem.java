package io.mtlboard.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param instance the request path
 * @param violations every problem found in the input, when the input was invalid
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
