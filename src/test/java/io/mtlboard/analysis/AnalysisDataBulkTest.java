package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.imports.WithBundledReferenceRuns;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Training-log summaries and worker diagnostics of many runs are read with one query over all runs
 * instead of id lists: both ways give the same answer.
 */
@QuarkusTest
class AnalysisDataBulkTest extends WithBundledReferenceRuns {

    @Inject AnalysisData data;

    @AfterEach
    void restore() {
        data.bulkAbove(5_000);
    }

    private static List<Long> allRunIds() {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                Run.getEntityManager()
                                        .createQuery(
                                                "select r.id from Run r order by r.id", Long.class)
                                        .getResultList());
    }

    @Test
    void shouldReadTheSameSummariesAndDiagnosticsInOnePassAsByIdLists() {
        List<Long> ids = allRunIds();
        assertThat(ids).isNotEmpty();

        data.bulkAbove(Integer.MAX_VALUE);
        Map<Long, RunSummary> byIds =
                QuarkusTransaction.requiringNew().call(() -> data.summaries(ids));
        Map<Long, WorkerDiagnostics> diagnosticsByIds =
                QuarkusTransaction.requiringNew().call(() -> data.diagnostics(ids));
        data.bulkAbove(0);
        Map<Long, RunSummary> onePass =
                QuarkusTransaction.requiringNew().call(() -> data.summaries(ids));
        Map<Long, WorkerDiagnostics> diagnosticsOnePass =
                QuarkusTransaction.requiringNew().call(() -> data.diagnostics(ids));

        assertThat(byIds).isNotEmpty(); // the bundled reference runs carry training logs
        assertThat(onePass).isEqualTo(byIds);
        assertThat(diagnosticsOnePass).isEqualTo(diagnosticsByIds);
        // and a subset: only the runs asked for
        List<Long> some = ids.subList(0, Math.min(3, ids.size()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> data.summaries(some)).keySet())
                .isSubsetOf(some);
        assertThat(QuarkusTransaction.requiringNew().call(() -> data.diagnostics(some)).keySet())
                .isSubsetOf(some);
    }
}
