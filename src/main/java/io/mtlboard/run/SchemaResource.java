package io.mtlboard.run;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/schemas}: the published JSON Schemas that submissions are validated against. */
@Path("/api/schemas")
@Tag(name = "Runs")
public class SchemaResource {

    private final byte[] runManifest;

    public SchemaResource() {
        try (InputStream in =
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream(ManifestValidator.SCHEMA_RESOURCE)) {
            this.runManifest = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("run-manifest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The JSON Schema (draft 2020-12) of run manifests")
    public byte[] runManifest() {
        return runManifest;
    }
}
