package io.mtlboard.support;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST application, carrying what the OpenAPI document declares once for every endpoint: the
 * bearer-token scheme that Swagger UI's Authorize button fills in. Endpoints that need a token name
 * it with {@code @SecurityRequirement(name = ApiDocument.BEARER)}.
 */
@SecurityScheme(
        securitySchemeName = ApiDocument.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description =
                "An API token (`mtlb_…`) made by an admin with `POST /api/tokens` or the jar's "
                        + "`token create`; admins use an admin token, e.g. the portal's initial one "
                        + "(`mtlboard.submission.admin-token`). Give the secret alone: it is sent as "
                        + "`Authorization: Bearer <token>`.")
public class ApiDocument extends Application {

    /** Name of the bearer-token security scheme. */
    public static final String BEARER = "bearer";
}
