package io.mtlboard.imports;

import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * The test profile imports no reference runs: tests that read the bundled ones (training logs,
 * worker diagnostics, protocols) import them here before each test and remove them after, so that
 * no test depends on what another left.
 */
@ApplicationScoped
public class BundledReferenceRuns {

    @Inject ReferenceImporter importer;
    @Inject LeaderboardVersion version;

    /** Imports every bundle under {@code benchmarks-data/reference} and makes it visible. */
    public void load() {
        importer.importAll(Path.of("benchmarks-data/reference"));
        version.bumpAll();
    }

    /** Also imports the bundles under {@code dir} (one folder per benchmark) and makes them visible. */
    public void loadAlso(Path dir) {
        importer.importAll(dir);
        version.bumpAll();
    }

    /** Removes every imported reference run. */
    public void remove() {
        QuarkusTransaction.requiringNew()
                .timeout(ReferenceImporter.IMPORT_TIMEOUT_SECONDS)
                .run(() -> Run.delete("importKey like ?1", "reference/%"));
        version.bumpAll();
    }
}
