package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeaderboardResourceTest {

    private static final String NYU = "/api/leaderboards/nyuv2";

    private static JsonPath get(String query) {
        return given().when()
                .get(NYU + query)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    @Test
    void shouldReproducePublishedDbMtlDeltaMThroughTheApi() {
        JsonPath v = get("?setting=deeplabv3plus-resnet50@dbmtl-2023&size=100");
        List<Map<String, Object>> rows = v.getList("rows");
        assertThat(rows).hasSize(19);
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            Float published = v.get("rows[" + i + "].published.deltaMPerTask");
            if (published == null) {
                continue;
            }
            float perTask = v.getFloat("rows[" + i + "].deltaM.perTask.mean");
            float flat = v.getFloat("rows[" + i + "].deltaM.flat.mean");
            assertThat(perTask)
                    .as("Δp_task of %s", (Object) v.get("rows[" + i + "].method.id"))
                    .isCloseTo(published, within(0.02f));
            assertThat(flat)
                    .isCloseTo(v.getFloat("rows[" + i + "].published.deltaMFlat"), within(0.02f));
            checked++;
        }
        assertThat(checked).isEqualTo(18);
    }

    @Test
    void shouldRankByPerTaskDeltaMByDefaultAndLabelTheConvention() {
        JsonPath v = get("?setting=deeplabv3plus-resnet50@dbmtl-2023");
        assertThat(v.getString("convention.id")).isEqualTo("per-task");
        assertThat(v.getString("convention.label")).contains("per task");
        // the single-task row heads its setting as the baseline, without a rank
        assertThat(v.getString("rows[0].method.id")).isEqualTo("stl");
        assertThat(v.getString("rows[0].role")).isEqualTo("baseline");
        assertThat((Object) v.get("rows[0].rank")).isNull();
        assertThat(v.getString("rows[1].method.id")).isEqualTo("db-mtl");
        assertThat(v.getInt("rows[1].rank")).isEqualTo(1);
        assertThat(v.getString("rows[1].deltaM.sign")).isEqualTo("gain");
        List<Float> deltas = v.getList("rows.deltaM.perTask.mean", Float.class).subList(1, 19);
        for (int i = 1; i < deltas.size(); i++) {
            assertThat(deltas.get(i)).isLessThanOrEqualTo(deltas.get(i - 1));
        }
    }

    @Test
    void shouldRankByFlatConventionWhenAsked() {
        JsonPath v = get("?setting=deeplabv3plus-resnet50@dbmtl-2023&convention=flat");
        assertThat(v.getString("convention.id")).isEqualTo("flat");
        // flat Δm on the DB-MTL table: DB-MTL +0.56, CAGrad -0.98, GLS -1.10; the STL row (0) heads
        // the setting
        assertThat(v.getList("rows.method.id").subList(0, 4))
                .containsExactly("stl", "db-mtl", "cagrad", "gls");
        // the paper printed only per-task stds (CAGrad 0.35, GLS 0.30); on NYUv2 (2, 2 and 5
        // metrics per task) they are not the stds of flat Δm, so the flat ranking has no
        // intervals and CAGrad −0.98 and GLS −1.10 get ranks 2 and 3 by point estimate
        assertThat(v.getList("rows.rank").subList(0, 4)).containsExactly(null, 1, 2, 3);
        assertThat((Object) v.get("rows[2].deltaM.flatPrintedStd")).isNull();
        assertThat(v.getDouble("rows[2].deltaM.perTaskPrintedStd")).isEqualTo(0.35);
        assertThat(v.getDouble("rows[2].published.deltaMPerTaskStd")).isEqualTo(0.35);
    }

    @Test
    void shouldTakeRepeatedValuesOfAMultiValuedFilterAndRefuseThemForASingleValuedOne() {
        given().when()
                .get(NYU + "?method=ew&method=cagrad&setting=deeplabv3plus-resnet50@dbmtl-2023")
                .then()
                .statusCode(200)
                .body("rows.method.id", containsInAnyOrder("ew", "cagrad"));
        given().when()
                .get(NYU + "?order=asc&order=desc")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("violations[0].field", equalTo("order"))
                .body(
                        "violations[0].message",
                        equalTo("given 2 times (asc, desc); it takes one value"));
    }

    @Test
    void shouldFilterByBackboneAndSource() {
        given().when()
                .get(NYU + "?backbone=segnet-mtan")
                .then()
                .statusCode(200)
                .body("rows.backbone.id", everyItem(equalTo("segnet-mtan")))
                .body("rows", hasSize(15))
                .body("filters.backbone", equalTo(List.of("segnet-mtan")));
        given().when()
                .get(NYU + "?source=claimed")
                .then()
                .statusCode(200)
                .body("rows", hasSize(0))
                .body("total", equalTo(0));
        // DB-MTL's 19 rows (Adam, as the paper states) and LibMTL's 13 HPS and 12 MTAN rows
        given().when()
                .get(
                        NYU
                                + "?optimizer=adam&backbone=deeplabv3plus-resnet50,deeplabv3plus-resnet50-mtan")
                .then()
                .statusCode(200)
                .body("rows", hasSize(44));
    }

    @Test
    void shouldSortByAMetricBestFirstByDefault() {
        JsonPath lower = get("?setting=segnet-mtan@libmtl-results&sort=depth.absErr");
        assertThat(lower.getString("order")).isEqualTo("asc");
        List<Float> errors = lower.getList("rows.metrics.'depth.absErr'.mean", Float.class);
        assertThat(errors).isSortedAccordingTo(Float::compare);
        assertThat(errors.get(0)).isEqualTo(0.5213f);
        JsonPath higher = get("?setting=segnet-mtan@libmtl-results&sort=segmentation.mIoU");
        assertThat(higher.getString("order")).isEqualTo("desc");
        assertThat(higher.getFloat("rows[0].metrics.'segmentation.mIoU'.mean")).isEqualTo(41.27f);
        JsonPath reversed =
                get("?setting=segnet-mtan@libmtl-results&sort=segmentation.mIoU&order=asc");
        assertThat(reversed.getFloat("rows[0].metrics.'segmentation.mIoU'.mean")).isEqualTo(29.91f);
    }

    @Test
    void shouldPageRows() {
        JsonPath all = get("?setting=segnet-mtan@libmtl-results&size=100");
        JsonPath second = get("?setting=segnet-mtan@libmtl-results&size=4&page=2");
        assertThat(second.getInt("total")).isEqualTo(14);
        assertThat(second.getInt("pages")).isEqualTo(4);
        assertThat(second.getList("rows.method.id"))
                .isEqualTo(all.getList("rows.method.id").subList(4, 8));
    }

    @Test
    void shouldSayForEveryRowWithAnIntervalHowItComparesWithItsBaseline() {
        JsonPath v = get("?size=500");
        List<String> verdicts = v.getList("rows.deltaM.perTaskVsBaseline");
        assertThat(verdicts).isNotEmpty();
        assertThat(verdicts.stream().filter(Objects::nonNull))
                .isNotEmpty()
                .allMatch(x -> List.of("better", "worse", "within-noise").contains(x));
        // a baseline row is the 0 line, never compared with itself
        List<Map<String, Object>> rows = v.getList("rows");
        assertThat(rows.stream().filter(r -> "baseline".equals(r.get("role"))))
                .isNotEmpty()
                .allMatch(
                        r ->
                                r.get("deltaM") == null
                                        || ((Map<?, ?>) r.get("deltaM")).get("perTaskVsBaseline")
                                                == null);
    }

    @Test
    void shouldLeaveDeltaMEmptyWithoutBaselineOnTheBackbone() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50-mtan");
        assertThat(v.getList("rows")).hasSize(12);
        assertThat(v.getList("rows.deltaM")).containsOnlyNulls();
        assertThat(v.getList("rows.rank")).containsOnlyNulls();
    }

    @Test
    void shouldExportCsvByAcceptHeaderAndByFormat() {
        String byHeader =
                given().accept("text/csv")
                        .when()
                        .get(NYU + "?backbone=segnet-mtan")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .header("Content-Disposition", containsString("nyuv2-leaderboard.csv"))
                        .extract()
                        .asString();
        String byFormat =
                given().when()
                        .get(NYU + "?backbone=segnet-mtan&format=csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(byHeader).isEqualTo(byFormat);
        String[] lines = byHeader.strip().split("\n");
        assertThat(lines).hasSize(16);
        assertThat(lines[0])
                .startsWith("rank,method,method_label,backbone")
                .contains("segmentation.mIoU_mean")
                .contains("delta_m_per_task")
                .contains("delta_m_per_task_vs_baseline")
                .contains("delta_m_flat_vs_baseline");
        // LibMTL's SegNet rows take their baseline from the CAGrad paper: listed by Δm, not ranked
        assertThat(lines[1])
                .startsWith(",gradnorm,GradNorm,segnet-mtan")
                .contains("segnet-mtan@libmtl-results")
                .contains("cross-protocol");
    }

    @Test
    void shouldListEveryInvalidParameterWithAllowedValues() {
        given().when()
                .get(
                        NYU
                                + "?backbone=vgg&optimizer=lion&gradientLevel=layer&source=rumour&sort=fame"
                                + "&order=up&convention=mean&page=0&size=100000&method=magic&setting=nowhere&crossProtocol=maybe")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(12))
                .body(
                        "violations.field",
                        equalTo(
                                List.of(
                                        "backbone",
                                        "optimizer",
                                        "gradientLevel",
                                        "source",
                                        "method",
                                        "setting",
                                        "crossProtocol",
                                        "sort",
                                        "order",
                                        "convention",
                                        "page",
                                        "size")))
                .body(
                        "violations.find { it.field == 'setting' }.message",
                        containsString("deeplabv3plus-resnet50@dbmtl-2023"))
                .body(
                        "violations.find { it.field == 'optimizer' }.message",
                        containsString("adam, adamw, sgd"))
                .body(
                        "violations.find { it.field == 'source' }.message",
                        containsString("verified, reference, literature, claimed"))
                .body(
                        "violations.find { it.field == 'sort' }.message",
                        containsString("normal.within30"))
                .body(
                        "violations.find { it.field == 'backbone' }.message",
                        containsString("segnet-mtan"));
    }

    @Test
    void shouldRejectUnknownFormat() {
        given().when()
                .get(NYU + "?format=xml")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"));
    }

    @Test
    void shouldAnswerUnknownBenchmarkWith404Problem() {
        given().when()
                .get("/api/leaderboards/imagenet")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No benchmark 'imagenet'"))
                .body("detail", containsString("nyuv2"));
    }

    @Test
    void shouldAnswerNotModifiedForAKnownEntityTag() {
        String etag = given().when().get(NYU).then().statusCode(200).extract().header("ETag");
        assertThat(etag).isNotBlank();
        given().header("If-None-Match", etag).when().get(NYU).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get(NYU).then().statusCode(200);
    }

    @Test
    void shouldMarkBaselineFromAnotherPublicationAndRankItOnlyOnRequest() {
        JsonPath v = get("?setting=deeplabv3plus-resnet50@libmtl-results&method=ew");
        assertThat(v.getString("rows[0].citation")).contains("LibMTL");
        assertThat(v.getString("rows[0].role")).isEqualTo("cross-protocol");
        assertThat((Object) v.get("rows[0].rank")).isNull();
        assertThat(v.getString("rows[0].unranked"))
                .contains("another publication")
                .contains("DB-MTL");
        assertThat(v.getString("rows[0].deltaM.baseline.citation")).contains("DB-MTL");
        assertThat(v.getBoolean("rows[0].deltaM.baseline.crossProtocol")).isTrue();
        assertThat(v.getString("rows[0].deltaM.baseline.protocol")).isEqualTo("dbmtl-2023");
        JsonPath included =
                get("?setting=deeplabv3plus-resnet50@libmtl-results&crossProtocol=include");
        assertThat(included.getList("rows.rank")).doesNotContainNull();
        assertThat(included.getInt("settings[0].ranked")).isEqualTo(13);
    }

    @Test
    void shouldRankOnlyWithinSettingsAndNeverBaselinesByDefault() {
        JsonPath v = get("?size=1000");
        List<Map<String, Object>> rows = v.getList("rows");
        Map<String, Integer> best = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Object rank = row.get("rank");
            String role = (String) row.get("role");
            if (rank != null) {
                assertThat(role).isEqualTo("ranked");
                best.merge(
                        (String) ((Map<?, ?>) row.get("setting")).get("id"),
                        (Integer) rank,
                        Math::min);
            } else {
                assertThat(role).isNotEqualTo("ranked");
            }
            if ("stl".equals(((Map<?, ?>) row.get("method")).get("id"))) {
                assertThat(rank).isNull();
            }
        }
        // ranks restart in every ranked setting (each Elich et al. table is a protocol of its own);
        // the largest setting comes first
        assertThat(best)
                .containsOnlyKeys(
                        "deeplabv3plus-resnet50@dbmtl-2023",
                        "segnet@elich2024-nyuv2-segnet",
                        "deeplabv3plus@elich2024-nyuv2-deeplabv3plus");
        assertThat(best.values()).containsOnly(1);
        assertThat(v.getList("settings.rows", Integer.class))
                .isSortedAccordingTo(Comparator.reverseOrder());
        String dbmtl = "settings.find { it.id == 'deeplabv3plus-resnet50@dbmtl-2023' }";
        assertThat(v.getString(dbmtl + ".protocol.citation")).contains("Dual-Balancing");
        assertThat(v.getList(dbmtl + ".chart")).hasSize(18);
    }

    @Test
    void shouldCarryTheSamePublishedNumbersInCsvAsInJson() throws Exception {
        // Elich et al. print a flat Δm with its std over seeds; DB-MTL a per-task one with std and
        // Office-Home CAGrad a note
        for (String url :
                List.of(
                        NYU + "?setting=deeplabv3plus@elich2024-nyuv2-deeplabv3plus&size=100",
                        "/api/leaderboards/office-home?source=literature&size=100")) {
            JsonPath v = given().when().get(url).then().statusCode(200).extract().jsonPath();
            String csv =
                    given().when()
                            .get(url + "&format=csv")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
            List<List<String>> lines = new ArrayList<>();
            try (MappingIterator<List<String>> it =
                    new CsvMapper()
                            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                            .readerForListOf(String.class)
                            .readValues(csv)) {
                it.forEachRemaining(lines::add);
            }
            List<String> header = lines.get(0);
            assertThat(lines).hasSize(v.getList("rows").size() + 1);
            Map<String, String> columns =
                    Map.of(
                            "published_delta_m_per_task", "deltaMPerTask",
                            "published_delta_m_per_task_std", "deltaMPerTaskStd",
                            "published_delta_m_flat", "deltaMFlat",
                            "published_delta_m_flat_std", "deltaMFlatStd",
                            "published_delta_m_note", "note");
            int withFlatStd = 0;
            for (int i = 1; i < lines.size(); i++) {
                for (var c : columns.entrySet()) {
                    assertThat(header).contains(c.getKey());
                    String cell = lines.get(i).get(header.indexOf(c.getKey()));
                    Object json = v.get("rows[" + (i - 1) + "].published." + c.getValue());
                    if (json == null) {
                        assertThat(cell).as(url + " row " + i + " " + c.getKey()).isEmpty();
                    } else if (json instanceof Number n) {
                        assertThat(Double.parseDouble(cell))
                                .as(url + " row " + i + " " + c.getKey())
                                .isCloseTo(n.doubleValue(), within(1e-6));
                    } else {
                        assertThat(cell).isEqualTo(json);
                    }
                }
                if (!lines.get(i).get(header.indexOf("published_delta_m_flat_std")).isEmpty()) {
                    withFlatStd++;
                }
            }
            if (url.startsWith(NYU)) {
                assertThat(withFlatStd).isGreaterThan(10);
            }
        }
    }

    @Test
    void shouldShowTheRecomputedDeltaMBesideAPrintedOneThePaperContradicts() {
        JsonPath v =
                given().when()
                        .get("/api/leaderboards/office-home?method=cagrad&source=literature")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(v.getFloat("rows[0].deltaM.perTask.mean")).isCloseTo(-1.64f, within(0.005f));
        assertThat(v.getFloat("rows[0].published.deltaMPerTask")).isEqualTo(-1.50f);
        assertThat(v.getFloat("rows[0].published.deltaMPerTaskStd")).isEqualTo(0.29f);
        assertThat(v.getString("rows[0].published.note")).contains("MetaBalance").contains("77.67");
        assertThat(v.getString("rows[0].optimizer")).isEqualTo("adam");
    }

    @Test
    void shouldServeRowsOfEveryLiteratureBenchmark() {
        // the literature rows only: other tests submit claimed Office-Home runs
        given().when()
                .get("/api/leaderboards/office-home?source=literature")
                .then()
                .statusCode(200)
                .body("rows", hasSize(8))
                .body("rows.method.id", hasItem("db-mtl"));
        // DB-MTL (18 rows) and Elich et al. Tables A4 and A5 (24 rows each)
        given().when()
                .get("/api/leaderboards/cityscapes?source=literature&size=1000")
                .then()
                .statusCode(200)
                .body("rows", hasSize(18 + 48));
        given().when()
                .get("/api/leaderboards/multi-fashion-mnist?source=literature")
                .then()
                .statusCode(200)
                .body("rows", hasSize(9));
    }

    @Test
    void shouldMarkTheNonDominatedRowsOfASettingOnTwoMetrics() {
        // independently: on DB-MTL's NYUv2 table, mIoU (higher) against mean normal error (lower),
        // only
        // GLS (54.59, 22.71), DB-MTL (53.92, 21.97) and CAGrad (53.97, 22.47) are not dominated
        JsonPath v =
                given().when()
                        .get(
                                NYU
                                        + "/pareto?setting=deeplabv3plus-resnet50@dbmtl-2023"
                                        + "&x=segmentation.mIoU&y=normal.mean")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(v.getList("points")).hasSize(18);
        assertThat(v.getList("points.findAll { it.nonDominated }.method"))
                .containsExactlyInAnyOrder("gls", "db-mtl", "cagrad");
        assertThat(v.getString("baseline.method")).isEqualTo("stl");
        assertThat(v.getFloat("baseline.x")).isEqualTo(53.50f);
        assertThat(v.getBoolean("y.higherIsBetter")).isFalse();
        assertThat(v.getList("points.source")).doesNotContain("claimed");
        // defaults: the largest setting, the first metrics of the first two tasks
        JsonPath defaults =
                given().when().get(NYU + "/pareto").then().statusCode(200).extract().jsonPath();
        assertThat(defaults.getString("setting.id"))
                .isEqualTo(get("?size=1").getString("settings[0].id"));
        assertThat(defaults.getString("x.key")).isEqualTo("segmentation.mIoU");
        assertThat(defaults.getString("y.key")).isEqualTo("depth.absErr");
        assertThat(defaults.getString("y.label")).isEqualTo("depth absErr ↓ (m)");
        // a metric without a unit gets no empty parentheses
        assertThat(
                        given().when()
                                .get("/api/leaderboards/cityscapes/pareto")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("y.label"))
                .isEqualTo("depth absErr ↓");
        JsonPath dbmtl =
                given().when()
                        .get(NYU + "/pareto?setting=deeplabv3plus-resnet50@dbmtl-2023")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(dbmtl.getList("points.findAll { it.nonDominated }.method"))
                .containsExactlyInAnyOrder("gls", "db-mtl");
    }

    @Test
    void shouldRejectUnknownParetoAxesAndSettingsWithTheAllowedValues() {
        given().when()
                .get(NYU + "/pareto?setting=nowhere&x=fame&y=glory")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("setting", "x", "y")))
                .body(
                        "violations.find { it.field == 'x' }.message",
                        containsString("normal.within30"));
        given().when()
                .get("/api/leaderboards/imagenet/pareto")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /** Whether a row of the JSON contains every word in its method name, id, label or citation. */
    private static boolean contains(Map<String, Object> row, String... words) {
        String text =
                String.join(
                                " ",
                                (String) ((Map<?, ?>) row.get("method")).get("name"),
                                (String) ((Map<?, ?>) row.get("method")).get("id"),
                                (String) row.get("methodLabel"),
                                Objects.toString(row.get("citation"), ""))
                        .toLowerCase(java.util.Locale.ROOT);
        for (String w : words) {
            if (!text.contains(w.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldSearchTheWholeBoardBeforePagingAndKeepTheBoardsRanks() {
        JsonPath board = get("?size=500");
        List<Map<String, Object>> all = board.getList("rows");
        Map<String, Object> rankOf = new HashMap<>();
        all.forEach(r -> rankOf.put((String) r.get("key"), r.get("rank")));
        // a ranked row that the default page size puts on page 2
        JsonPath second = get("?page=2");
        Map<String, Object> target =
                second.<Map<String, Object>>getList("rows").stream()
                        .filter(r -> r.get("rank") != null && (Integer) r.get("rank") > 1)
                        .findFirst()
                        .orElseThrow();
        String name = (String) ((Map<?, ?>) target.get("method")).get("name");
        long expected = all.stream().filter(r -> contains(r, name)).count();
        JsonPath found =
                given().queryParam("q", name.toUpperCase(java.util.Locale.ROOT))
                        .get(NYU)
                        .then()
                        .statusCode(200)
                        .body("filters.q", equalTo(name.toUpperCase(java.util.Locale.ROOT)))
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> rows = found.getList("rows");
        assertThat(found.getInt("total")).isEqualTo((int) expected);
        assertThat(found.getInt("page")).isEqualTo(1);
        // the row of page 2 is found on page 1 of the search, with its rank on the board
        assertThat(rows).extracting(r -> r.get("key")).contains(target.get("key"));
        assertThat(rows).allMatch(r -> contains(r, name));
        for (Map<String, Object> r : rows) {
            assertThat(r.get("rank")).as((String) r.get("key")).isEqualTo(rankOf.get(r.get("key")));
        }
        assertThat(rows.stream().map(r -> r.get("rank")).filter(Objects::nonNull))
                .as("a search renumbers no rank")
                .contains(target.get("rank"));
    }

    @Test
    void shouldSearchCitationsWithEveryWordAndPageTheMatches() {
        JsonPath board = get("?size=500");
        List<Map<String, Object>> all = board.getList("rows");
        long elich = all.stream().filter(r -> contains(r, "elich")).count();
        long both = all.stream().filter(r -> contains(r, "elich", "a6")).count();
        assertThat(elich).isGreaterThan(both).isGreaterThan(3);
        assertThat(get("?q=elich&size=500").getInt("total")).isEqualTo((int) elich);
        assertThat(
                        given().queryParam("q", " Elich  A6 ")
                                .get(NYU + "?size=500")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Integer>path("total"))
                .isEqualTo((int) both);
        // matches are paged like any view, and the other parameters still apply
        JsonPath page = get("?q=elich&size=3&page=2&source=literature");
        assertThat(page.getInt("pages")).isEqualTo((int) Math.ceil(page.getInt("total") / 3.0));
        assertThat(page.<Map<String, Object>>getList("rows"))
                .hasSizeLessThanOrEqualTo(3)
                .allMatch(r -> contains(r, "elich") && "literature".equals(r.get("source")));
        assertThat(get("?q=no-such-method-anywhere").getInt("total")).isZero();
        // CSV carries the same rows
        String csv =
                given().get(NYU + "?q=elich&size=500&format=csv")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(csv.strip().split("\n")).hasSize((int) elich + 1);
    }

    @Test
    void shouldRejectASearchLongerThanAHundredCharacters() {
        given().queryParam("q", "x".repeat(101))
                .get(NYU)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("q")))
                .body("violations[0].message", containsString("at most 100"));
        given().queryParam("q", "x".repeat(100)).get(NYU).then().statusCode(200);
    }

    @Test
    void shouldLinkTheAuthorsCodeOfAMethodWhenTheRunHasNone() {
        List<Map<String, Object>> rows = get("?q=nash-mtl&size=500").getList("rows");
        assertThat(rows).isNotEmpty();
        assertThat(rows)
                .filteredOn(r -> "nash-mtl".equals(((Map<?, ?>) r.get("method")).get("id")))
                .isNotEmpty()
                .allSatisfy(
                        r -> {
                            Map<?, ?> links = (Map<?, ?>) r.get("links");
                            assertThat(links.get("code"))
                                    .isEqualTo("https://github.com/AvivNavon/nash-mtl");
                            assertThat(links.get("codeSource")).isEqualTo("method");
                        });
        // a method without official code has no code link from the registry
        assertThat(get("?method=ew&size=500").<Map<String, Object>>getList("rows"))
                .isNotEmpty()
                .allMatch(
                        r ->
                                r.get("links") == null
                                        || ((Map<?, ?>) r.get("links")).get("code") == null);
    }
}
