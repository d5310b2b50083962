package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.mtlboard.submission.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class SubmissionResourceTest {

    /** A claims-only Office-Home manifest with the given seed and art accuracy. */
    public static String manifest(int seed, double art) {
        return manifest(seed, String.valueOf(art));
    }

    /** The same with the art accuracy written literally, e.g. {@code 1e999}. */
    static String manifest(int seed, String art) {
        return """
                {"benchmark": "office-home", "backbone": "resnet18", "method": "famo", "optimizer": "adam",
                 "gradientLevel": "param", "seed": %d, "description": "test run",
                 "claims": {"art.accuracy": %s, "clipart.accuracy": 78.5, "product.accuracy": 90.1,
                            "realWorld.accuracy": 80.2}}"""
                .formatted(seed, art);
    }

    public static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String e : entries) {
                zip.putNextEntry(new ZipEntry(e));
                zip.write("x".getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Response submit(String token, String manifest) {
        return given().header("Authorization", token)
                .multiPart("manifest", manifest)
                .when()
                .post("/api/runs");
    }

    @Test
    void shouldAcceptAClaimsOnlyRunAndListItAsClaimed() {
        String token = Tokens.create("frank", 10, 2);
        Response r = submit(token, manifest(1, 66.6));
        r.then()
                .statusCode(201)
                .header("Location", containsString("/api/runs/"))
                .body("status", equalTo("claimed"))
                .body("badge", equalTo("claimed"))
                .body("submitter", equalTo("frank"))
                .body("source", equalTo("submitted"))
                .body("values.find { it.key == 'art.accuracy' }.claimed", equalTo(66.6f));
        long id = r.jsonPath().getLong("id");
        given().when()
                .get("/api/runs/" + id)
                .then()
                .statusCode(200)
                .body("description", equalTo("test run"));
        given().when()
                .get("/api/leaderboards/office-home?source=claimed")
                .then()
                .statusCode(200)
                .body("rows.runIds.flatten()", hasItem((int) id));
        given().when()
                .get("/api/runs/" + id + "/log")
                .then()
                .statusCode(200)
                .body(containsString("No evaluation yet (status claimed)"));
    }

    @Test
    void shouldReplayTheSameRunForARepeatedIdempotencyKey() {
        String token = Tokens.create("grace", 10, 2);
        long first =
                given().header("Authorization", token)
                        .header("Idempotency-Key", "abc-1")
                        .multiPart("manifest", manifest(2, 61.0))
                        .when()
                        .post("/api/runs")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        given().header("Authorization", token)
                .header("Idempotency-Key", "abc-1")
                .multiPart("manifest", manifest(2, 61.0))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) first));
        given().header("Authorization", token)
                .header("Idempotency-Key", "abc-1")
                .multiPart("manifest", manifest(3, 61.0))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("run " + first));
    }

    @Test
    void shouldListEveryProblemOfAManifestAtOnce() {
        String token = Tokens.create("heidi", 10, 2);
        submit(
                        token,
                        """
                {"benchmark": "office-home", "backbone": "vgg", "method": "magic", "optimizer": "lion",
                 "seed": -1, "claims": {"art.accuracy": 1, "bogus.metric": 2}, "extra": true}""")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("problem(s) in the run manifest"))
                .body(
                        "violations.field",
                        hasItems(
                                "/optimizer",
                                "/seed",
                                "/gradientLevel",
                                "/",
                                "/backbone",
                                "/method",
                                "/claims/bogus.metric",
                                "/claims/clipart.accuracy",
                                "/claims/product.accuracy",
                                "/claims/realWorld.accuracy"));
        submit(token, "not json")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("manifest"))
                .body("violations[0].message", containsString("not valid JSON"));
        submit(token, manifest(1, "1e999"))
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("/claims/art.accuracy"))
                .body("violations[0].message", equalTo("must be a finite number"));
        submit(token, manifest(1, 50).replace("office-home", "imagenet"))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("/benchmark"));
    }

    @Test
    void shouldRefuseMalformedBundles() throws IOException {
        String token = Tokens.create("ivan", 10, 2);
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("extra", "x")
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("extra"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "text")
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("must be a file part"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "model.pt", "garbage".getBytes())
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("not a TorchScript file"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "model.pt", zip("readme.txt"))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("without TorchScript content"));
        byte[] truncated = Arrays.copyOf(zip("m/data.pkl", "m/version"), 40);
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "model.pt", truncated)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("model"));
        given().header("Authorization", token)
                .contentType("application/json")
                .body(manifest(1, 60))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .when()
                .get("/api/runs/999999")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldAnswer413ProblemForOversizedUploads() throws IOException {
        String token = Tokens.create("judy", 10, 2);
        byte[] big = new byte[3 << 20];
        byte[] model = zip("m/data.pkl", "m/version");
        byte[] padded = Arrays.copyOf(model, model.length);
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "model.pt", concat(padded, big))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 2097152"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", "model.pt", new byte[5 << 20])
                .when()
                .post("/api/runs")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shouldEnforceTheDailyQuotaAtomicallyUnderParallelRequests() throws Exception {
        String token = Tokens.create("mallory", 3, 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int seed = 100 + i;
            answers.add(pool.submit(() -> submit(token, manifest(seed, 60)).statusCode()));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).filteredOn(c -> c == 201).hasSize(3);
        assertThat(codes).filteredOn(c -> c == 429).hasSize(7);
        submit(token, manifest(999, 60))
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("3 runs per 24 hours"));
    }

    @Test
    void shouldLimitRunsWaitingForEvaluation() throws IOException {
        String token = Tokens.create("niaj", 10, 1);
        Path model = Files.createTempFile("model", ".pt");
        Files.write(model, zip("m/data.pkl", "m/version"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest(1, 60))
                .multiPart("model", model.toFile())
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201)
                .body("status", equalTo("queued"))
                .body("queuePosition", notNullValue())
                .body("artifactSha256", notNullValue());
        given().header("Authorization", token)
                .multiPart("manifest", manifest(2, 60))
                .multiPart("model", model.toFile())
                .when()
                .post("/api/runs")
                .then()
                .statusCode(429)
                .body("detail", containsString("waiting for or in"));
        submit(token, manifest(3, 60)).then().statusCode(201);
    }

    @Test
    void shouldLetOnlyTheOwnerOrAnAdminWithdrawAndAdminsModerate() {
        String owner = Tokens.create("olivia", 10, 2);
        String other = Tokens.create("peggy", 10, 2);
        long id =
                submit(owner, manifest(5, 62))
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        given().header("Authorization", other)
                .when()
                .delete("/api/runs/" + id)
                .then()
                .statusCode(403);
        given().when().delete("/api/runs/" + id).then().statusCode(401);
        given().header("Authorization", owner)
                .when()
                .delete("/api/runs/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("withdrawn"));
        given().when()
                .get("/api/leaderboards/office-home?source=claimed")
                .then()
                .body("rows.runIds.flatten()", Matchers.not(hasItem((int) id)));
        long second = submit(owner, manifest(6, 62)).then().extract().jsonPath().getLong("id");
        given().header("Authorization", owner)
                .contentType("application/json")
                .body("{\"hidden\": true}")
                .when()
                .post("/api/runs/" + second + "/moderation")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body("{\"hidden\": true}")
                .when()
                .post("/api/runs/" + second + "/moderation")
                .then()
                .statusCode(200)
                .body("hidden", equalTo(true));
        given().when().get("/api/runs/" + second).then().statusCode(404);
    }

    @Test
    void shouldPublishTheManifestSchema() {
        given().when()
                .get("/api/schemas/run-manifest")
                .then()
                .statusCode(200)
                .body("title", equalTo("MTLBoard run manifest"))
                .body("$id", endsWith("run-manifest.schema.json"));
    }
}
