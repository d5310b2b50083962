package io.mtlboard.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing the study's JSON files so that a reader never sees half of one. */
final class JsonFiles {

    private JsonFiles() {}

    /**
     * Writes {@code value} as JSON to a temporary file beside {@code target} and moves it into
     * place atomically; the temporary file never stays behind.
     */
    static void writeAtomically(ObjectMapper json, Path target, Object value) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            json.writeValue(tmp.toFile(), value);
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
