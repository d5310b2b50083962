package io.mtlboard.imports;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A Quarkus test that reads the bundled reference runs: they are imported before each test and
 * removed after it ({@link BundledReferenceRuns}).
 */
public abstract class WithBundledReferenceRuns {

    @Inject protected BundledReferenceRuns bundled;

    @BeforeEach
    void importTheBundledReferenceRuns() {
        bundled.load();
    }

    @AfterEach
    void removeTheBundledReferenceRuns() {
        bundled.remove();
    }
}
