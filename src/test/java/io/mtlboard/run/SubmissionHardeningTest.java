package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mtlboard.submission.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The submission path under malformed, oversized and replayed requests: always a problem+json 4xx. */
@QuarkusTest
public class SubmissionHardeningTest {

    @TestHTTPResource("/")
    URL root;

    /** A claims-only Office-Home manifest with a training log of {@code epochs} epochs. */
    public static String manifestWithLog(int seed, int epochs) {
        String log =
                IntStream.rangeClosed(1, epochs)
                        .mapToObj(
                                e ->
                                        """
                {"epoch": %d, "seconds": 12.5, "losses": {"art": %.4f, "clipart": %.4f, "product": %.4f,
                 "realWorld": %.4f}, "validation": {"art.accuracy": %.2f, "clipart.accuracy": %.2f}}"""
                                                .formatted(
                                                        e,
                                                        2.0 / e,
                                                        2.1 / e,
                                                        1.9 / e,
                                                        2.2 / e,
                                                        40 + e * 0.5,
                                                        41 + e * 0.5))
                        .collect(Collectors.joining(",\n"));
        return SubmissionResourceTest.manifest(seed, 66.0)
                .replaceFirst("\\}\\}$", "}, \"trainingLog\": [" + log + "]}");
    }

    private URI base() {
        return URI.create(root.toString());
    }

    private RawHttp.Answer post(String token, String contentType, byte[] body) {
        return RawHttp.send(
                base(),
                "POST",
                "/api/runs",
                Map.of("Authorization", token, "Content-Type", contentType),
                body);
    }

    private static String multipartType() {
        return "multipart/form-data; boundary=" + RawHttp.BOUNDARY;
    }

    private static void assertProblem(RawHttp.Answer a, int status, String phrase) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).as(a.body()).startsWith("application/problem+json");
        assertThat(a.body()).contains(phrase);
    }

    @Test
    void shouldAcceptAManifestWithA50EpochTrainingLogAsATextField() {
        String token = Tokens.create("textfield", 10, 2);
        String manifest = manifestWithLog(11, 50);
        assertThat(manifest.length()).isGreaterThan(9_000);
        given().header("Authorization", token)
                .multiPart("manifest", manifest)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201);
        RawHttp.Answer a =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field(
                                        "manifest",
                                        "Content-Type: application/json; charset=utf-8\r\n",
                                        manifestWithLog(12, 50).getBytes(StandardCharsets.UTF_8)),
                                RawHttp.end()));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }

    @Test
    void shouldAcceptAManifestPartWithABinaryContentTypeAndNoFilename() {
        // such a part is kept in memory by the parser, not written to a file
        String token = Tokens.create("binary-manifest", 10, 2);
        RawHttp.Answer a =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field(
                                        "manifest",
                                        "Content-Type: application/octet-stream\r\n",
                                        SubmissionResourceTest.manifest(16, 66.6)
                                                .getBytes(StandardCharsets.UTF_8)),
                                RawHttp.end()));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(a.body()).contains("\"status\":\"claimed\"");
    }

    @Test
    void shouldTakeAnEmptyModelPartAsNoModelAsFormsSendItWhenNoFileWasChosen() {
        String token = Tokens.create("unchosen-model", 10, 2);
        byte[] manifest =
                SubmissionResourceTest.manifest(14, 66.6).getBytes(StandardCharsets.UTF_8);
        // Swagger UI: an empty text field
        RawHttp.Answer swaggerUi =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field("manifest", "", manifest),
                                RawHttp.field("model", "", new byte[0]),
                                RawHttp.end()));
        assertThat(swaggerUi.status()).as(swaggerUi.body()).isEqualTo(201);
        assertThat(swaggerUi.body()).contains("\"status\":\"claimed\"");
        // an HTML form: a file part without file name or bytes
        RawHttp.Answer htmlForm =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field(
                                        "manifest",
                                        "",
                                        SubmissionResourceTest.manifest(15, 66.6)
                                                .getBytes(StandardCharsets.UTF_8)),
                                RawHttp.file("model", "", new byte[0]),
                                RawHttp.end()));
        assertThat(htmlForm.status()).as(htmlForm.body()).isEqualTo(201);
        assertThat(htmlForm.body()).contains("\"status\":\"claimed\"");
    }

    @Test
    void shouldRefuseAManifestOverTheLimitWith413NamingItWhicheverWayItIsSent() {
        String token = Tokens.create("bigmanifest", 10, 2);
        String big =
                manifestWithLog(13, 1).replace("\"test run\"", "\"" + "x".repeat(1_100_000) + "\"");
        RawHttp.Answer asText =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field("manifest", "", big.getBytes(StandardCharsets.UTF_8)),
                                RawHttp.end()));
        assertProblem(asText, 413, "a manifest may have at most 1048576 bytes");
        RawHttp.Answer asFile =
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.file(
                                        "manifest",
                                        "run.json",
                                        big.getBytes(StandardCharsets.UTF_8)),
                                RawHttp.end()));
        assertProblem(asFile, 413, "a manifest may have at most 1048576 bytes");
    }

    @Test
    void shouldAnswer400ForTruncatedEmptyAndMismatchedMultipartBodies() {
        String token = Tokens.create("truncated", 10, 2);
        byte[] whole =
                RawHttp.concat(
                        RawHttp.field(
                                "manifest",
                                "",
                                SubmissionResourceTest.manifest(1, 60.0)
                                        .getBytes(StandardCharsets.UTF_8)),
                        RawHttp.end());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertProblem(post(token, multipartType(), cut), 400, "multipart");
        assertProblem(post(token, multipartType(), new byte[0]), 400, "multipart");
        assertProblem(
                post(token, "multipart/form-data; boundary=another-boundary", whole),
                400,
                "multipart");
        // an unknown token is refused before the body is read, whatever the body
        assertProblem(post("Bearer nobody", multipartType(), cut), 401, "Unknown or revoked");
        assertProblem(post(token, "multipart/form-data", whole), 400, "boundary");
    }

    /**
     * An upload without an active token is answered before its body is read: the client declares
     * a body just under the request limit, sends its first MiB and then waits, and the 401 arrives
     * all the same.
     */
    @Test
    void shouldRefuseAnUploadWithoutAnActiveTokenBeforeReadingItsBody() throws Exception {
        for (String authorization : new String[] {null, "Basic abc", "Bearer nobody"}) {
            try (java.net.Socket s = new java.net.Socket(base().getHost(), base().getPort())) {
                s.setSoTimeout(60_000);
                java.io.OutputStream out = s.getOutputStream();
                out.write(
                        ("POST /api/runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                        + multipartType()
                                        + "\r\nContent-Length: "
                                        + (org.eclipse.microprofile.config.ConfigProvider
                                                        .getConfig()
                                                        .getValue(
                                                                "mtlboard.submission.max-request-bytes",
                                                                Long.class)
                                                - 1)
                                        + "\r\n"
                                        + (authorization == null
                                                ? ""
                                                : "Authorization: " + authorization + "\r\n")
                                        + "\r\n--"
                                        + RawHttp.BOUNDARY
                                        + "\r\nContent-Disposition: form-data; name=\"model\";"
                                        + " filename=\"m.pt\"\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                out.write(new byte[1 << 20]);
                out.flush();
                // nothing more is sent: the answer must come from the headers alone
                byte[] answer = new byte[4096];
                int n = 0;
                for (int r;
                        n < answer.length
                                && !new String(answer, 0, n, StandardCharsets.ISO_8859_1)
                                        .contains("}")
                                && (r = s.getInputStream().read(answer, n, answer.length - n))
                                        >= 0; ) {
                    n += r;
                }
                String text = new String(answer, 0, n, StandardCharsets.ISO_8859_1);
                assertThat(text).startsWith("HTTP/1.1 401");
                assertThat(text.toLowerCase(java.util.Locale.ROOT))
                        .contains("content-type: application/problem+json");
                assertThat(text).contains("\"status\":401").contains("\"instance\":\"/api/runs\"");
            }
        }
    }

    /** What the multipart parser itself refuses: each a 400 (413 for too many parts), never a 500. */
    @Test
    void shouldAnswer400ForMultipartBodiesTheParserCannotRead() {
        String token = Tokens.create("unparsable", 10, 2);
        String b = RawHttp.BOUNDARY;
        byte[] manifest =
                ("--"
                                + b
                                + "\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n{}\r\n--"
                                + b
                                + "--\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        assertProblem(post(token, "multipart/form-data; boundary=", new byte[0]), 400, "boundary");
        assertProblem(post(token, multipartType() + "; charset=bogus", manifest), 400, "charset");
        Map<String, String> parts =
                Map.of(
                        "charset",
                        "Content-Disposition: form-data; name=\"manifest\"\r\n"
                                + "Content-Type: text/plain; charset=nonexistent-charset\r\n\r\n{}",
                        "base64",
                        "Content-Disposition: form-data; name=\"manifest\"\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\n!!!notbase64",
                        "percent",
                        "Content-Disposition: form-data; name=\"model\"; filename*=UTF-8''%zz.pt\r\n"
                                + "\r\nabc",
                        "header",
                        "garbage header line\r\nContent-Disposition: form-data; name=\"manifest\"\r\n"
                                + "\r\n{}");
        parts.forEach(
                (what, part) ->
                        assertProblem(
                                post(
                                        token,
                                        multipartType(),
                                        ("--" + b + "\r\n" + part + "\r\n--" + b + "--\r\n")
                                                .getBytes(StandardCharsets.UTF_8)),
                                400,
                                "multipart body is malformed"));
        String many =
                IntStream.range(0, 1001)
                                .mapToObj(
                                        i ->
                                                "--"
                                                        + b
                                                        + "\r\nContent-Disposition: form-data; name=\"f"
                                                        + i
                                                        + "\"\r\n\r\nv\r\n")
                                .collect(Collectors.joining())
                        + "--"
                        + b
                        + "--\r\n";
        assertProblem(
                post(token, multipartType(), many.getBytes(StandardCharsets.UTF_8)),
                413,
                "at most 1000 parts");
    }

    @Test
    void shouldAnswer413ProblemToAChunkedUploadOverTheLimitHoweverFarItGets() {
        String token = Tokens.create("chunked", 10, 2);
        byte[] head =
                RawHttp.concat(
                        RawHttp.field(
                                "manifest",
                                "",
                                SubmissionResourceTest.manifest(1, 60.0)
                                        .getBytes(StandardCharsets.UTF_8)),
                        ("--"
                                        + RawHttp.BOUNDARY
                                        + "\r\nContent-Disposition: form-data; name=\"model\"; filename=\"m.pt\"\r\n\r\n")
                                .getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer a =
                RawHttp.sendChunked(
                        base(),
                        "/api/runs",
                        Map.of("Authorization", token, "Content-Type", multipartType()),
                        () ->
                                new SequenceInputStream(
                                        new ByteArrayInputStream(head), RawHttp.zeros(12L << 20)));
        assertProblem(a, 413, "larger than");
        // the REST layer may have been reading the body when it was refused: its reader learns
        // that the body ended and frees its worker thread, rather than waiting out the 60 s read
        // timeout (RequestSizeGuard.linger keeps the reader's end and exception handlers)
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (blockedBodyReaders() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
        }
        assertThat(blockedBodyReaders()).as("worker threads still waiting for the body").isZero();
    }

    /** Threads of this JVM (the portal runs in it) waiting in the REST layer's blocking body read. */
    private static long blockedBodyReaders() {
        return Thread.getAllStackTraces().values().stream()
                .filter(
                        trace ->
                                java.util.Arrays.stream(trace)
                                        .anyMatch(
                                                f ->
                                                        f.getMethodName().equals("readBlocking")
                                                                && f.getClassName()
                                                                        .contains(
                                                                                "VertxInputStream")))
                .count();
    }

    @Test
    void shouldAnswer400ProblemNamingTheFieldForMistypedJsonBodies() {
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body("{\"name\": \"x\", \"runsPerDay\": \"abc\"}")
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("runsPerDay"));
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body("{\"name\": ")
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"));
        String token = Tokens.create("moderated", 10, 2);
        long id =
                given().header("Authorization", token)
                        .multiPart("manifest", SubmissionResourceTest.manifest(21, 60.0))
                        .when()
                        .post("/api/runs")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body("{\"hidden\": \"yes\"}")
                .when()
                .post("/api/runs/" + id + "/moderation")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("hidden"));
    }

    @Test
    void shouldAnswer409WhenAnIdempotencyKeyIsReplayedWithAnotherModel() throws IOException {
        String token = Tokens.create("replayer", 10, 3);
        String manifest = SubmissionResourceTest.manifest(31, 60.0);
        byte[] model = SubmissionResourceTest.zip("m/data.pkl", "m/version");
        byte[] other = SubmissionResourceTest.zip("n/data.pkl", "n/version");
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-claims")
                .multiPart("manifest", manifest)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201);
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-claims")
                .multiPart("manifest", manifest)
                .multiPart("model", "model.pt", model)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("model"));
        String second = SubmissionResourceTest.manifest(32, 60.0);
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-model")
                .multiPart("manifest", second)
                .multiPart("model", "model.pt", model)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201);
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-model")
                .multiPart("manifest", second)
                .multiPart("model", "model.pt", model)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(200);
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-model")
                .multiPart("manifest", second)
                .multiPart("model", "model.pt", other)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(409)
                .body("detail", containsString("model"));
        given().header("Authorization", token)
                .header("Idempotency-Key", "k-model")
                .multiPart("manifest", second)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(409)
                .body("detail", containsString("model"));
    }

    @Test
    void shouldRefuseDuplicateKeysTrailingContentAndNonUtf8Manifests() {
        String token = Tokens.create("strict", 10, 2);
        String manifest = SubmissionResourceTest.manifest(41, 60.0);
        given().header("Authorization", token)
                .multiPart("manifest", manifest.replace("\"seed\": 41", "\"seed\": 1, \"seed\": 2"))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("duplicate key 'seed'"));
        given().header("Authorization", token)
                .multiPart("manifest", manifest + " {}")
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("trailing content"));
        byte[] latin1 =
                manifest.replace("test run", "caf\u00e9 run").getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(RawHttp.field("manifest", "", latin1), RawHttp.end())),
                400,
                "UTF-8");
        assertProblem(
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.field(
                                        "manifest",
                                        "Content-Type: application/json; charset=ISO-8859-1\r\n",
                                        latin1),
                                RawHttp.end())),
                400,
                "UTF-8");
        assertProblem(
                post(
                        token,
                        multipartType(),
                        RawHttp.concat(
                                RawHttp.file("manifest", "run.json", latin1), RawHttp.end())),
                400,
                "UTF-8");
    }

    @Test
    void shouldRefuseClaimsOutsideTheMetricsDeclaredRange() {
        String token = Tokens.create("ranges", 10, 5);
        for (String bad : new String[] {"150", "-5", "1e308", "100.0001"}) {
            given().header("Authorization", token)
                    .multiPart("manifest", SubmissionResourceTest.manifest(51, bad))
                    .when()
                    .post("/api/runs")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("/claims/art.accuracy"))
                    .body("violations[0].message", containsString("between 0 and 100"));
        }
        given().header("Authorization", token)
                .multiPart("manifest", SubmissionResourceTest.manifest(52, "100"))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201);
        given().header("Authorization", token)
                .multiPart("manifest", SubmissionResourceTest.manifest(53, "0"))
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201);
    }
}
