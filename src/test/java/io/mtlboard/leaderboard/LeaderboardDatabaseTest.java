package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.imports.LiteratureImporter;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.EvaluationMeasurement;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunClaim;
import io.mtlboard.run.RunSource;
import io.mtlboard.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service and database behaviour, on H2 and (in CI) on PostgreSQL. Other tests leave submitted
 * Office-Home runs on ResNet-18 behind, so the runs made here use a backbone of their own: their
 * setting holds nothing but them.
 */
@QuarkusTest
class LeaderboardDatabaseTest {

    private static final String OFFICE = "office-home";

    /** The backbone of this test's submitted runs, and so their setting; no other test uses it here. */
    private static final String BACKBONE = "mobilenet-like";

    private static final String SETTING = BACKBONE + "@mtlboard";

    @Inject LeaderboardService service;
    @Inject LiteratureImporter importer;
    @Inject LeaderboardVersion version;
    @Inject DataSource dataSource;
    @Inject BoardRepository repository;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    private final List<Long> created = new ArrayList<>();

    @AfterEach
    void removeCreatedRuns() {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            for (Long id : created) {
                                Evaluation.delete("run.id", id);
                                Run.deleteById(id);
                            }
                            Run.delete("importKey like ?1", "test-%");
                        });
        version.bumpAll();
    }

    /** A SUBMITTED run on Office-Home in this test's setting with the same accuracy on all four tasks. */
    private long submitted(String method, RunStatus status, double accuracy) {
        return submitted(method, status, accuracy, 0);
    }

    private long submitted(String method, RunStatus status, double accuracy, int seed) {
        long id =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = new Run();
                                    run.benchmark = Benchmark.byId(OFFICE).orElseThrow();
                                    run.backbone = Backbone.byId(BACKBONE).orElseThrow();
                                    run.method = Method.byId(method).orElseThrow();
                                    run.optimizer = "adam";
                                    run.gradientLevel = "param";
                                    run.seed = seed;
                                    run.source = RunSource.SUBMITTED;
                                    run.protocol = Protocols.MTLBOARD;
                                    run.status = status;
                                    run.createdAt = OffsetDateTime.now();
                                    run.updatedAt = run.createdAt;
                                    for (BenchmarkMetric m : run.benchmark.metrics()) {
                                        RunClaim c = new RunClaim();
                                        c.run = run;
                                        c.metric = m;
                                        c.claimed = accuracy;
                                        run.claims.add(c);
                                    }
                                    run.persist();
                                    return run.id;
                                });
        created.add(id);
        version.bumpAll();
        return id;
    }

    private void evaluate(long runId, double measured) {
        evaluate(runId, measured, true);
    }

    private void evaluate(long runId, double measured, boolean agrees) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run run = Run.findById(runId);
                            Evaluation e = new Evaluation();
                            e.run = run;
                            e.attempt = 1;
                            e.evaluatorVersion = "test";
                            e.status = Evaluation.COMPLETED;
                            e.verdict = agrees ? "VERIFIED" : "DISCREPANT";
                            for (BenchmarkMetric m : run.benchmark.metrics()) {
                                EvaluationMeasurement x = new EvaluationMeasurement();
                                x.evaluation = e;
                                x.metric = m;
                                x.measured = measured;
                                x.agrees = agrees;
                                e.measurements.add(x);
                            }
                            e.persist();
                        });
        version.bumpAll();
    }

    private LeaderboardView board(String... sources) {
        LeaderboardParams params = new LeaderboardParams();
        params.source = List.of(sources);
        params.size = "100";
        return service.leaderboard(OFFICE, service.query(OFFICE, params));
    }

    /** The rows of this test's setting on the board of the given sources. */
    private List<LeaderboardView.LeaderboardRowView> mine(String... sources) {
        return board(sources).rows().stream()
                .filter(r -> r.setting().id().equals(SETTING))
                .toList();
    }

    @Test
    void shouldRunOnTheConfiguredDatabase() throws Exception {
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
            assertThat(product).contains(dbKind.equals("postgresql") ? "postgresql" : "h2");
            // CI sets the expectation so that a silently skipped PostgreSQL run cannot pass
            String expected = System.getProperty("expect.database", "");
            if (!expected.isBlank()) {
                assertThat(product).contains(expected);
            }
        }
    }

    @Test
    void shouldReadEveryListedRunOnceWhenReadingAllRunsPageByPage() {
        long claimed = submitted("ew", RunStatus.CLAIMED, 70);
        long verified = submitted("mgda", RunStatus.VERIFIED, 71, 1);
        evaluate(verified, 73);
        long rejected = submitted("pcgrad", RunStatus.REJECTED, 72, 2);
        long later = submitted("cagrad", RunStatus.CLAIMED, 74, 3);
        List<String> keys =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        Benchmark.byId(OFFICE).orElseThrow().metrics().stream()
                                                .map(m -> m.task.name + "." + m.name)
                                                .toList());
        List<BoardCalculator.RunFacts> whole =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        repository.runFacts(
                                                Benchmark.byId(OFFICE).orElseThrow(),
                                                Integer.MAX_VALUE));
        assertThat(whole)
                .extracting(BoardCalculator.RunFacts::runId)
                .doesNotHaveDuplicates()
                .isSorted()
                .contains(claimed, verified, later)
                .doesNotContain(rejected);
        for (int page : new int[] {1, 3, 7}) {
            assertThat(
                            QuarkusTransaction.requiringNew()
                                    .call(
                                            () ->
                                                    repository.runFacts(
                                                            Benchmark.byId(OFFICE).orElseThrow(),
                                                            page)))
                    .as("read %d runs at a time", page)
                    .isEqualTo(whole);
        }
        Map<Long, BoardCalculator.RunFacts> byId = new java.util.HashMap<>();
        whole.forEach(f -> byId.put(f.runId(), f));
        assertThat(byId.get(claimed).values().keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(byId.get(claimed).values().values()).containsOnly(70.0);
        // the latest completed evaluation's measurements replace the claims
        assertThat(byId.get(verified).values().values()).containsOnly(73.0);
        // a run read on its own (after a write) has the same facts as in a read of all runs
        assertThat(
                        QuarkusTransaction.requiringNew()
                                .call(
                                        () ->
                                                repository.runFacts(
                                                        OFFICE,
                                                        List.of(verified, later, rejected))))
                .containsExactly(byId.get(verified), byId.get(later));
    }

    @Test
    void shouldUseMeasuredValuesAndVerifiedBadgeAfterVerification() {
        long stl = submitted("stl", RunStatus.VERIFIED, 70.0);
        evaluate(stl, 70.0);
        long id = submitted("famo", RunStatus.VERIFIED, 90.0);
        evaluate(id, 80.0);
        List<LeaderboardView.LeaderboardRowView> rows = mine("verified");
        assertThat(rows).hasSize(2);
        LeaderboardView.LeaderboardRowView row =
                rows.stream().filter(r -> r.method().id().equals("famo")).findFirst().orElseThrow();
        assertThat(row.source()).isEqualTo("verified");
        assertThat(row.metrics().get("art.accuracy").mean()).isEqualTo(80.0);
        // Δm against MTLBoard's own single-task row (70 on every task), never the publication's
        assertThat(row.deltaM().perTask().mean()).isCloseTo(100.0 * (80 - 70) / 70, within(1e-9));
        assertThat(row.deltaM().baseline().runIds()).containsExactly(stl);
        assertThat(row.setting().id()).isEqualTo(SETTING);
        assertThat(row.rank()).isEqualTo(1);
    }

    @Test
    void shouldListClaimedRowsApartUnrankedAndHideRejectedOnes() {
        long claimed = submitted("famo", RunStatus.CLAIMED, 99.0);
        long rejected = submitted("moco", RunStatus.REJECTED, 99.0);
        LeaderboardView v = board();
        List<LeaderboardView.LeaderboardRowView> rows = v.rows();
        // the claimed run is the one row of its setting, the rejected one is nowhere
        List<LeaderboardView.LeaderboardRowView> own =
                rows.stream().filter(r -> r.setting().id().equals(SETTING)).toList();
        assertThat(own).hasSize(1);
        LeaderboardView.LeaderboardRowView row = own.get(0);
        assertThat(row.runIds()).containsExactly(claimed);
        assertThat(row.source()).isEqualTo("claimed");
        assertThat(row.method().id()).isEqualTo("famo");
        assertThat(row.role()).isEqualTo("claimed");
        assertThat(row.rank()).isNull();
        assertThat(row.unranked()).isEqualTo("claimed, unverified");
        // listed apart: no row with evidence comes after it
        assertThat(rows.subList(rows.indexOf(row), rows.size()))
                .allMatch(r -> r.source().equals("claimed"));
        assertThat(v.settings())
                .allSatisfy(
                        s -> assertThat(s.chart()).noneMatch(b -> b.source().equals("claimed")));
        assertThat(rows).noneMatch(r -> r.runIds().contains(rejected));
    }

    @Test
    void shouldListDiscrepantRunsOnTheMethodPageWithBothNumbersButNeverRankThem() {
        long id = submitted("famo", RunStatus.DISCREPANT, 91.0);
        evaluate(id, 42.0, false);
        assertThat(board().rows()).noneMatch(r -> r.runIds().contains(id));
        RestAssured.given()
                .when()
                .get("/methods/famo")
                .then()
                .statusCode(200)
                .body(Matchers.containsString("Discrepant runs"))
                .body(Matchers.containsString("href=\"/runs/" + id + "\""))
                .body(Matchers.containsString("art accuracy: 91.00 → 42.00"));
    }

    @Test
    void shouldAggregateDistinctSeedsOfSubmittedRuns() {
        submitted("famo", RunStatus.CLAIMED, 80.0, 0);
        submitted("famo", RunStatus.CLAIMED, 82.0, 1);
        submitted("famo", RunStatus.CLAIMED, 84.0, 2);
        LeaderboardView.LeaderboardRowView row = mine("claimed").get(0);
        assertThat(row.seeds()).isEqualTo(3);
        assertThat(row.runIds()).hasSize(3);
        assertThat(row.metrics().get("product.accuracy").mean()).isCloseTo(82.0, within(1e-12));
        assertThat(row.metrics().get("product.accuracy").std()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void shouldCountASeedOnceWhenTwoRunsShareIt() {
        submitted("famo", RunStatus.CLAIMED, 80.0, 5);
        submitted("famo", RunStatus.CLAIMED, 82.0, 5);
        LeaderboardView.LeaderboardRowView row = mine("claimed").get(0);
        assertThat(row.seeds()).isEqualTo(1);
        assertThat(row.runIds()).hasSize(2);
        assertThat(row.metrics().get("product.accuracy").mean()).isCloseTo(81.0, within(1e-12));
        assertThat(row.metrics().get("product.accuracy").std()).isNull();
    }

    @Test
    void shouldKeepTheDeltaMOrderWithinASharedRank() {
        submitted("stl", RunStatus.VERIFIED, 70.0, 0);
        for (int seed = 0; seed < 3; seed++) {
            submitted("famo", RunStatus.VERIFIED, 80.0 + 2 * seed, seed);
            // EW comes first in the alphabet but last by Δm; the intervals overlap, so the rank is
            // shared
            submitted("ew", RunStatus.VERIFIED, 79.0 + 2 * seed, seed);
        }
        List<LeaderboardView.LeaderboardRowView> rows =
                mine("verified").stream().filter(r -> r.rank() != null).toList();
        assertThat(rows).extracting(r -> r.method().id()).containsExactly("famo", "ew");
        assertThat(rows).extracting(LeaderboardView.LeaderboardRowView::rank).containsExactly(1, 1);
        assertThat(rows.get(0).deltaM().perTask().mean())
                .isGreaterThan(rows.get(1).deltaM().perTask().mean());
    }

    @Test
    void shouldImportLiteratureIdempotently(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("test-office.csv");
        Files.writeString(
                csv,
                """
                benchmark,backbone,method,optimizer,gradient_level,seeds,protocol,art.accuracy,clipart.accuracy,product.accuracy,realWorld.accuracy,citation
                office-home,resnet18,famo,sgd,param,2,recon-2023,60,70,80,90,Test source A
                """);
        assertThat(importer.importAll(dir)).isEqualTo(1);
        assertThat(importer.importAll(dir)).isZero();
        Files.writeString(csv, Files.readString(csv).replace(",60,", ",61,"));
        assertThat(importer.importAll(dir)).isEqualTo(1);
        List<Run> runs =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    List<Run> found = Run.list("citation", "Test source A");
                                    found.forEach(r -> r.claims.size());
                                    return found;
                                });
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).claims).extracting(c -> c.claimed).contains(61.0);
        assertThat(runs.get(0).importKey).startsWith("test-office.csv|");
        QuarkusTransaction.requiringNew().run(() -> Run.delete("citation", "Test source A"));
    }

    @Test
    void shouldRejectInvalidLiteratureFileListingEveryProblemAndImportNothing(@TempDir Path dir)
            throws IOException {
        Files.writeString(
                dir.resolve("bad.csv"),
                """
                benchmark,backbone,method,optimizer,gradient_level,seeds,art.accuracy,clipart.accuracy,product.accuracy,realWorld.accuracy,bogus.metric,citation
                office-home,resnet18,famo,sgd,param,2,60,70,80,NaN,1,Test source B
                office-home,vgg99,nomethod,lion,layer,x,60,70,80,90,1,
                """);
        long before = Run.count();
        assertThatThrownBy(() -> importer.importAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 2: column 'bogus.metric' is not a metric")
                .hasMessageContaining("row 2: 'realWorld.accuracy' must be finite")
                .hasMessageContaining("row 3: unknown backbone 'vgg99'")
                .hasMessageContaining("row 3: unknown method 'nomethod'")
                .hasMessageContaining("row 3: optimizer must be one of")
                .hasMessageContaining("row 3: gradient_level must be one of")
                .hasMessageContaining("row 3: citation is required")
                .hasMessageContaining("row 3: 'seeds' is not a number")
                .hasMessageContaining("row 3: protocol is required");
        assertThat(Run.count()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAFileWhosePrintedDeltaMItsOwnNumbersDoNotGive(@TempDir Path dir)
            throws IOException {
        String header =
                "benchmark,backbone,method,optimizer,gradient_level,seeds,protocol,art.accuracy,"
                        + "clipart.accuracy,product.accuracy,realWorld.accuracy,published_delta_m_task,published_delta_m_note,"
                        + "citation\n";
        // +10 % on art, 0 elsewhere: Δm per task = 2.50; printed 2.50 agrees, printed 2.60 does not
        String stl =
                "office-home,resnet18,stl,adam,param,3,recon-2023,60.00,70.00,80.00,90.00,,,Test source C\n";
        Files.writeString(
                dir.resolve("test-good.csv"),
                header
                        + stl
                        + "office-home,resnet18,ew,adam,param,3,recon-2023,66.00,70.00,80.00,90.00,2.50,,Test source C\n");
        assertThat(importer.importAll(dir)).isEqualTo(2);
        Files.writeString(
                dir.resolve("test-bad.csv"),
                header
                        + "office-home,resnet18,mgda,adam,param,3,recon-2023,66.00,70.00,80.00,90.00,2.60,,Test source C\n");
        long before = Run.count();
        assertThatThrownBy(() -> importer.importAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-bad.csv")
                .hasMessageContaining(
                        "row 2 (mgda, resnet18): printed Δm (per-task) 2.6 differs from the "
                                + "recomputation 2.500")
                .hasMessageContaining("rounding bound");
        assertThat(Run.count()).isEqualTo(before);
        // a note that explains the difference lets the row in, and the board shows both numbers
        Files.writeString(
                dir.resolve("test-bad.csv"),
                header
                        + "office-home,resnet18,mgda,adam,param,3,recon-2023,66.00,70.00,80.00,90.00,2.60,the paper says so,"
                        + "Test source C\n");
        assertThat(importer.importAll(dir)).isEqualTo(1);
        LeaderboardView.LeaderboardRowView mgda =
                board("literature").rows().stream()
                        .filter(
                                r ->
                                        r.method().id().equals("mgda")
                                                && r.setting().id().equals("resnet18@recon-2023"))
                        .findFirst()
                        .orElseThrow();
        assertThat(mgda.deltaM().perTask().mean()).isCloseTo(2.5, within(1e-9));
        assertThat(mgda.published().deltaMPerTask()).isEqualTo(2.6);
        assertThat(mgda.published().note()).isEqualTo("the paper says so");
        QuarkusTransaction.requiringNew().run(() -> Run.delete("citation", "Test source C"));
    }

    @Test
    void shouldNotDuplicateShippedLiteratureOnRestartImport() {
        long before = Run.count();
        assertThat(importer.importAll(Path.of("benchmarks-data", "literature"))).isZero();
        assertThat(Run.count()).isEqualTo(before);
        assertThat(Map.of("rows", board("literature").rows().size())).containsEntry("rows", 8);
    }

    @Test
    void shouldImportEveryShippedPrintedDeltaMThatItsNumbersGiveOrThatANoteExplains() {
        // the import at start-up checked every printed Δm of the shipped files; these are the ones
        // explained
        List<String> explained =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        Run.<Run>list(
                                                        "publishedDeltaMNote is not null and source = ?1",
                                                        RunSource.LITERATURE)
                                                .stream()
                                                .map(r -> r.benchmark.id + "/" + r.method.id)
                                                .sorted()
                                                .toList());
        assertThat(explained)
                .containsExactly(
                        "cityscapes/aligned-mtl",
                        "cityscapes/db-mtl",
                        "cityscapes/gls",
                        "cityscapes/imtl",
                        "cityscapes/imtl-g",
                        "cityscapes/mgda",
                        "office-home/cagrad");
        long checked =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        Run.count(
                                                "publishedDeltaMTask is not null and publishedDeltaMNote is null"));
        assertThat(checked).isGreaterThanOrEqualTo(40);
    }
}
