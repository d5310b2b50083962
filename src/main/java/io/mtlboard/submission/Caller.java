package io.mtlboard.submission;

/**
 * The authenticated client of a request.
 *
 * @param tokenId the id of its token
 * @param name the token's name, shown as the submitter
 * @param admin whether it may manage tokens and hide or flag any run
 */
public record Caller(long tokenId, String name, boolean admin) {}
