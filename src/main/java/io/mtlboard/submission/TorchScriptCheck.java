package io.mtlboard.submission;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A cheap file-type check of an uploaded model: a TorchScript file written by {@code torch.jit.save}
 * is a zip archive holding {@code <name>/data.pkl}, {@code <name>/version} and TorchScript code.
 * Nothing is extracted or executed here; whether the model runs is decided by the sandboxed
 * evaluator.
 */
public final class TorchScriptCheck {

    private static final int MAX_ENTRIES = 100_000;

    private TorchScriptCheck() {}

    /** Why the file is not a TorchScript archive, or empty when it looks like one. */
    public static Optional<String> problem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4
                    || magic[0] != 'P'
                    || magic[1] != 'K'
                    || magic[2] != 3
                    || magic[3] != 4) {
                return Optional.of(
                        "not a TorchScript file: expected a zip archive written by torch.jit.save");
            }
        } catch (IOException e) {
            return Optional.of("unreadable upload");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean data = false;
            boolean version = false;
            int n = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries();
                    e.hasMoreElements() && n < MAX_ENTRIES;
                    n++) {
                String name = e.nextElement().getName();
                data |= name.endsWith("/data.pkl") || name.equals("data.pkl");
                version |= name.endsWith("/version") || name.endsWith("/.data/version");
            }
            if (!data || !version) {
                return Optional.of(
                        "zip archive without TorchScript content (data.pkl and version); save the model "
                                + "with torch.jit.save");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of("corrupt zip archive: " + e.getMessage());
        } catch (IOException e) {
            return Optional.of("unreadable zip archive");
        }
    }
}
