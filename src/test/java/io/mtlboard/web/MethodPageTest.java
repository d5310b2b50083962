package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The method page: ranks within settings, and Δm cells that say what the leaderboard says. */
@QuarkusTest
class MethodPageTest {

    private static final Pattern BOARD =
            Pattern.compile("<h3><a href=\"/leaderboards/([^?\"]+)\\?method=");
    private static final Pattern ROW =
            Pattern.compile(
                    "<tr data-setting=\"([^\"]+)\"><td class=\"nowrap rank\">(.*?)</td>"
                            + "<td class=\"nowrap\"><a [^>]*>(.*?)</a></td><td>([^<]*)</td><td>([^<]*)</td>"
                            + "\\s*<td><span class=\"badge ([^\"]+)\".*?(<td class=\"num delta\">.*?</td>)",
                    Pattern.DOTALL);

    /** One row of the method page's tables. */
    record PageRow(
            String benchmark,
            String setting,
            String rank,
            String settingLabel,
            String optimizer,
            String level,
            String source,
            String deltaCell) {

        String deltaText() {
            return text(deltaCell);
        }
    }

    private static String page(String method) {
        return given().when().get("/methods/" + method).then().statusCode(200).extract().asString();
    }

    private static List<PageRow> rows(String method) {
        String html = page(method);
        List<PageRow> rows = new ArrayList<>();
        Matcher boards = BOARD.matcher(html);
        List<Integer> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (boards.find()) {
            starts.add(boards.start());
            ids.add(boards.group(1));
        }
        for (int i = 0; i < ids.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < ids.size() ? starts.get(i + 1) : html.length();
            Matcher m = ROW.matcher(html.substring(from, to));
            while (m.find()) {
                rows.add(
                        new PageRow(
                                ids.get(i),
                                unescape(m.group(1)),
                                text(m.group(2)),
                                unescape(m.group(3)),
                                m.group(4),
                                m.group(5),
                                m.group(6),
                                m.group(7)));
            }
        }
        return rows;
    }

    private static String text(String html) {
        return unescape(html.replaceAll("<[^>]+>", "")).replaceAll("\\s+", " ").strip();
    }

    private static String unescape(String s) {
        return s.replace("&amp;", "&")
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    private static JsonPath setting(String benchmark, String setting) {
        return given().when()
                .get("/api/leaderboards/" + benchmark + "?size=1000&setting=" + setting)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String ordinal(int n) {
        if (n % 100 >= 11 && n % 100 <= 13) {
            return n + "th";
        }
        return n + (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th");
    }

    @Test
    void shouldRankAMethodWithinEachOfItsSettingsAsTheSettingsLeaderboardDoes() {
        List<PageRow> rows = rows("cagrad");
        int ranked = 0;
        for (PageRow row : rows) {
            JsonPath v = setting(row.benchmark(), row.setting());
            List<Map<String, Object>> all = v.getList("rows");
            List<Map<String, Object>> mine =
                    all.stream()
                            .filter(
                                    r ->
                                            "cagrad".equals(((Map<?, ?>) r.get("method")).get("id"))
                                                    && row.optimizer().equals(r.get("optimizer"))
                                                    && row.level().equals(r.get("gradientLevel"))
                                                    && row.source().equals(r.get("source")))
                            .toList();
            assertThat(mine).as(row.toString()).hasSize(1);
            assertThat(row.settingLabel())
                    .isEqualTo(((Map<?, ?>) mine.get(0).get("setting")).get("label"));
            Integer rank = (Integer) mine.get(0).get("rank");
            if (rank == null) {
                assertThat(row.rank()).as(row.toString()).isEqualTo("—");
                continue;
            }
            long of = all.stream().map(r -> r.get("rank")).filter(Objects::nonNull).count();
            assertThat(row.rank()).as(row.toString()).isEqualTo(ordinal(rank) + " of " + of);
            ranked++;
        }
        assertThat(ranked).isGreaterThan(10);
        // the DB-MTL NYUv2 table ranks CAGrad among its 18 ranked rows
        assertThat(rows)
                .anySatisfy(
                        r -> {
                            assertThat(r.setting()).isEqualTo("deeplabv3plus-resnet50@dbmtl-2023");
                            assertThat(r.rank()).endsWith(" of 18");
                        });
    }

    @Test
    void shouldShowPrintedStdsAndThePrintedDeltaMAPublicationContradicts() {
        List<PageRow> rows = rows("cagrad");
        PageRow officeHome =
                rows.stream()
                        .filter(r -> r.setting().equals("resnet18@dbmtl-2023"))
                        .findFirst()
                        .orElseThrow();
        JsonPath v = setting("office-home", "resnet18@dbmtl-2023");
        String base = "rows.find { it.method.id == 'cagrad' && it.source == 'literature' }";
        double recomputed = v.getDouble(base + ".deltaM.perTask.mean");
        double printed = v.getDouble(base + ".published.deltaMPerTask");
        double printedStd = v.getDouble(base + ".published.deltaMPerTaskStd");
        assertThat(officeHome.deltaText())
                .isEqualTo(
                        String.format(
                                Locale.ROOT,
                                "%+.2f ± %.2f (printed) printed %+.2f ⚠",
                                recomputed,
                                printedStd,
                                printed));
        // the recomputed −1.64 beside the printed −1.50, the reason in the tooltip
        assertThat(officeHome.deltaText()).startsWith("-1.64").contains("printed -1.50 ⚠");
        assertThat(unescape(officeHome.deltaCell()))
                .contains("title=\"" + v.getString(base + ".published.note") + "\"")
                .contains("77.67");
        // Elich et al. print a flat Δm with its std over seeds. On Cityscapes (two metrics per
        // task) per-task Δm is the same average, so the per-task cell shows that std; on NYUv2
        // (2, 2 and 5 metrics) it is not per-task Δm's std, and the cell does not borrow it
        List<PageRow> elich =
                rows.stream().filter(r -> r.setting().contains("@elich2024")).toList();
        assertThat(elich.stream().filter(r -> r.benchmark().equals("cityscapes")))
                .isNotEmpty()
                .allMatch(r -> r.deltaText().contains("(printed, flat)"));
        assertThat(elich.stream().filter(r -> r.benchmark().equals("nyuv2")))
                .isNotEmpty()
                .noneMatch(r -> r.deltaText().contains("printed,"));
    }

    @Test
    void shouldGiveTheSingleTaskRowsDeltaMStdTwoDecimals() {
        // two seeds of a single-task row: Δm 0 ± a real spread
        double[][] claims = {
            {30.0, 70.0, 0.50, 0.20, 30.0, 25.0, 20.0, 45.0, 60.0},
            {32.5, 71.0, 0.47, 0.19, 29.0, 24.0, 21.0, 46.0, 61.0}
        };
        String[] keys = {
            "segmentation.mIoU",
            "segmentation.pixAcc",
            "depth.absErr",
            "depth.relErr",
            "normal.mean",
            "normal.median",
            "normal.within11",
            "normal.within22",
            "normal.within30"
        };
        for (int seed = 0; seed < 2; seed++) {
            StringBuilder c = new StringBuilder();
            for (int k = 0; k < keys.length; k++) {
                c.append(k == 0 ? "" : ", ")
                        .append('"')
                        .append(keys[k])
                        .append("\": ")
                        .append(claims[seed][k]);
            }
            String manifest =
                    "{\"benchmark\": \"fashionscenes\", \"backbone\": \"encoder-decoder\", "
                            + "\"method\": \"stl\", \"optimizer\": \"adam\", \"gradientLevel\": \"param\", "
                            + "\"seed\": "
                            + (seed + 1)
                            + ", \"description\": \"method page std\", \"claims\": {"
                            + c
                            + "}}";
            int status =
                    given().header("Authorization", "Bearer test-admin-token")
                            .header("Idempotency-Key", "method-page-stl-" + seed)
                            .multiPart("manifest", manifest)
                            .when()
                            .post("/api/runs")
                            .then()
                            .extract()
                            .statusCode();
            assertThat(status).isIn(200, 201);
        }
        JsonPath v = setting("fashionscenes", "encoder-decoder@mtlboard");
        String base = "rows.find { it.method.id == 'stl' }";
        double std = v.getDouble(base + ".deltaM.perTask.std");
        assertThat(std).isGreaterThan(0.1);
        List<PageRow> rows = rows("stl");
        PageRow mine =
                rows.stream()
                        .filter(r -> r.setting().equals("encoder-decoder@mtlboard"))
                        .findFirst()
                        .orElseThrow();
        assertThat(mine.deltaText()).isEqualTo(String.format(Locale.ROOT, "0.00 ± %.2f", std));
        // no Δm std of any single-task row takes the five decimals of a mean near 0
        assertThat(rows).noneMatch(r -> r.deltaText().matches(".*± \\d+\\.\\d{3,}.*"));
    }

    @Test
    void shouldLinkTheAuthorsCodeFromTheMethodRegistry() {
        String html =
                given().when().get("/methods/nash-mtl").then().statusCode(200).extract().asString();
        assertThat(html)
                .contains(
                        "<dd id=\"method-code\"><a href=\"https://github.com/AvivNavon/nash-mtl\" rel=\"noopener\">");
        String ew = given().when().get("/methods/ew").then().statusCode(200).extract().asString();
        assertThat(ew).contains("no official code listed").doesNotContain("github.com");
    }

    @Test
    void shouldStateWhyTheFeatureLevelRowsOfMethodsWithCarriedGradientsAreNoVariantOfThem() {
        for (String method : new String[] {"moco", "db-mtl"}) {
            assertThat(page(method))
                    .contains("<dt>Feature level, caveat</dt><dd id=\"feature-level-caveat\">")
                    .contains("mixes the gradients of different samples")
                    .contains("refuses representation gradients");
        }
        // a method whose feature-level variant the literature defines has no such caveat
        assertThat(page("mgda")).doesNotContain("feature-level-caveat");
    }
}
