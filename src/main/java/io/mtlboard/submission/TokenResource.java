package io.mtlboard.submission;

import io.mtlboard.support.ApiDocument;
import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.PathIds;
import io.mtlboard.support.Violation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/tokens}: admins create, list and revoke API tokens. */
@Path("/api/tokens")
@Tag(name = "Tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    /** Body of a token creation request. */
    public record TokenRequest(
            String name, Boolean admin, Integer runsPerDay, Integer maxConcurrent) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(summary = "Create an API token (admin only); the secret is in this response only")
    public Response create(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, TokenRequest request) {
        tokens.requireAdmin(authorization);
        List<Violation> violations = new ArrayList<>();
        if (request == null
                || request.name() == null
                || request.name().isBlank()
                || request.name().length() > 200) {
            violations.add(new Violation("name", "required, at most 200 characters"));
        }
        if (request != null && request.runsPerDay() != null && request.runsPerDay() < 0) {
            violations.add(new Violation("runsPerDay", "must be 0 or more"));
        }
        if (request != null && request.maxConcurrent() != null && request.maxConcurrent() < 0) {
            violations.add(new Violation("maxConcurrent", "must be 0 or more"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem("Invalid token request", violations);
        }
        TokenService.CreatedToken created =
                tokens.create(
                        request.name().trim(),
                        Boolean.TRUE.equals(request.admin()),
                        request.runsPerDay(),
                        request.maxConcurrent());
        return Response.created(URI.create("/api/tokens/" + created.id())).entity(created).build();
    }

    @GET
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(summary = "List API tokens without their secrets (admin only)")
    public List<TokenService.TokenView> list(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        tokens.requireAdmin(authorization);
        return tokens.list();
    }

    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @Operation(summary = "Revoke an API token (admin only); its runs stay")
    public TokenService.TokenView revoke(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description = "token id",
                            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    @PathParam("id")
                    String id) {
        tokens.requireAdmin(authorization);
        return tokens.revoke(PathIds.parse(id, "token"));
    }
}
