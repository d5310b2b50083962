package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.submission.ApiToken;
import io.mtlboard.submission.Tokens;
import io.mtlboard.support.MtlboardConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of bad requests across every endpoint that takes input — multipart bundles, JSON
 * bodies, CSV bodies, path and query parameters, headers — each with its expected status, problem
 * type and a phrase of its detail (the detail or one of its violations). Every answer is
 * {@code application/problem+json}; no request creates a run, an artifact or an upload file, and
 * none logs an error. Runs on H2 and, with the {@code pg} profile, on PostgreSQL.
 */
@QuarkusTest
class BadInputCatalogueTest {

    private static final String TYPE = "https://mtlboard.io/problems/";
    private static final String MULTIPART = "multipart/form-data; boundary=" + RawHttp.BOUNDARY;
    private static final String JSON = "application/json";
    private static final List<LogRecord> ERRORS = new ArrayList<>();
    private static final Handler CAPTURE =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        synchronized (ERRORS) {
                            ERRORS.add(r);
                        }
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static long fixtureRun;

    @TestHTTPResource("/")
    URL root;

    @Inject MtlboardConfig config;

    /** One bad request and what it must be answered with. */
    record Case(
            String name,
            String method,
            String path,
            Map<String, String> headers,
            byte[] body,
            int status,
            String type,
            String phrase) {

        Case withHeader(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Case(name, method, path, more, body, status, type, phrase);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case req(
            String name,
            String method,
            String path,
            String auth,
            String contentType,
            byte[] body,
            int status,
            String type,
            String phrase) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new Case(name, method, path, headers, body, status, type, phrase);
    }

    private static Case bundle(
            String name, String auth, byte[] body, int status, String type, String phrase) {
        return req(name, "POST", "/api/runs", auth, MULTIPART, body, status, type, phrase);
    }

    /** A bundle with this manifest as its only part (a text field), sent with the user's token. */
    private static Case manifest(
            String name, String manifest, int status, String type, String phrase) {
        return bundle(name, "USER", form(text("manifest", manifest)), status, type, phrase);
    }

    private static Case json(
            String name,
            String method,
            String path,
            String auth,
            String body,
            int status,
            String type,
            String phrase) {
        return req(name, method, path, auth, JSON, utf8(body), status, type, phrase);
    }

    private static Case get(String name, String path, int status, String type, String phrase) {
        return req(name, "GET", path, null, null, null, status, type, phrase);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(String name, String value) {
        return RawHttp.field(name, "", utf8(value));
    }

    private static byte[] form(byte[]... parts) {
        byte[][] all = Arrays.copyOf(parts, parts.length + 1);
        all[parts.length] = RawHttp.end();
        return RawHttp.concat(all);
    }

    /** The Office-Home claims-only manifest of the other submission tests, changed by {@code edit}. */
    private static String good() {
        return SubmissionResourceTest.manifest(900, 60.0);
    }

    private static String nyu(String absErr, String mean) {
        return """
                {"benchmark": "nyuv2", "backbone": "resnet18", "method": "ew", "optimizer": "adam",
                 "gradientLevel": "param", "seed": 1, "claims": {"segmentation.mIoU": 40, "segmentation.pixAcc": 60,
                 "depth.absErr": %s, "depth.relErr": 0.2, "normal.mean": %s, "normal.median": 20,
                 "normal.within11": 30, "normal.within22": 50, "normal.within30": 60}}"""
                .formatted(absErr, mean);
    }

    private static String withLog(String log) {
        return good().replaceFirst("\\}\\}$", "}, \"trainingLog\": " + log + "}");
    }

    private static byte[] zip(String... entries) {
        try {
            return SubmissionResourceTest.zip(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Case> catalogue() {
        List<Case> c = new ArrayList<>();
        String inv = "invalid-request";
        byte[] whole = form(text("manifest", good()));
        // --- POST /api/runs: authentication
        c.add(bundle("runs: no token", null, whole, 401, "unauthorized", "needs an API token"));
        c.add(
                bundle(
                        "runs: basic auth",
                        "Basic dXNlcjpwYXNz",
                        whole,
                        401,
                        "unauthorized",
                        "must be 'Bearer <token>'"));
        c.add(
                bundle(
                        "runs: unknown token",
                        "Bearer not-a-token",
                        whole,
                        401,
                        "unauthorized",
                        "Unknown or revoked"));
        c.add(
                bundle(
                        "runs: empty bearer",
                        "Bearer ",
                        whole,
                        401,
                        "unauthorized",
                        "must be 'Bearer <token>'"));
        // --- multipart framing
        c.add(
                bundle(
                        "runs: truncated multipart",
                        "USER",
                        Arrays.copyOf(whole, whole.length / 2),
                        400,
                        inv,
                        "multipart body is malformed"));
        c.add(
                bundle(
                        "runs: truncated multipart without token",
                        null,
                        Arrays.copyOf(whole, 40),
                        // the token is checked before the body is read
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                bundle(
                        "runs: empty multipart body",
                        "USER",
                        new byte[0],
                        400,
                        inv,
                        "multipart body is malformed"));
        c.add(
                req(
                        "runs: boundary mismatch",
                        "POST",
                        "/api/runs",
                        "USER",
                        "multipart/form-data; boundary=other",
                        whole,
                        400,
                        inv,
                        "multipart body is malformed"));
        c.add(
                req(
                        "runs: no boundary",
                        "POST",
                        "/api/runs",
                        "USER",
                        "multipart/form-data",
                        whole,
                        400,
                        inv,
                        "needs a boundary parameter"));
        c.add(
                bundle(
                        "runs: only the closing boundary",
                        "USER",
                        RawHttp.end(),
                        400,
                        inv,
                        "'manifest' (JSON) is required"));
        c.add(
                bundle(
                        "runs: garbage instead of parts",
                        "USER",
                        utf8("hello world\r\n"),
                        400,
                        inv,
                        "multipart body is malformed"));
        c.add(
                req(
                        "runs: JSON instead of multipart",
                        "POST",
                        "/api/runs",
                        "USER",
                        JSON,
                        utf8(good()),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        c.add(
                req(
                        "runs: text/plain",
                        "POST",
                        "/api/runs",
                        "USER",
                        "text/plain",
                        utf8(good()),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        c.add(
                req(
                        "runs: urlencoded form",
                        "POST",
                        "/api/runs",
                        "USER",
                        "application/x-www-form-urlencoded",
                        utf8("manifest=x"),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        c.add(
                req(
                        "runs: PUT",
                        "PUT",
                        "/api/runs",
                        "USER",
                        MULTIPART,
                        whole,
                        405,
                        "method-not-allowed",
                        "Method not allowed"));
        // --- parts
        c.add(
                bundle(
                        "runs: unknown part",
                        "USER",
                        form(text("manifest", good()), text("extra", "x")),
                        400,
                        inv,
                        "unknown part"));
        // parts without a usable field name (form-data with name="..." is the only disposition)
        byte[] nameless = utf8(good());
        Map<String, String> unnamed = new LinkedHashMap<>();
        unnamed.put("no Content-Disposition", "Content-Type: application/json\r\n");
        unnamed.put("form-data without a name", "Content-Disposition: form-data\r\n");
        unnamed.put(
                "only a filename",
                "Content-Disposition: form-data; filename=\"run.json\"\r\n"
                        + "Content-Type: application/json\r\n");
        unnamed.put("attachment", "Content-Disposition: attachment; name=\"manifest\"\r\n");
        unnamed.put("empty name", "Content-Disposition: form-data; name=\"\"\r\n");
        unnamed.forEach(
                (what, headers) -> {
                    c.add(
                            bundle(
                                    "runs: part with " + what,
                                    "USER",
                                    form(RawHttp.part(headers, nameless)),
                                    400,
                                    inv,
                                    "a part without a field name"));
                    c.add(
                            bundle(
                                    "runs: manifest and a part with " + what,
                                    "USER",
                                    form(text("manifest", good()), RawHttp.part(headers, nameless)),
                                    400,
                                    inv,
                                    "a part without a field name"));
                });
        c.add(
                bundle(
                        "runs: manifest twice",
                        "USER",
                        form(text("manifest", good()), text("manifest", good())),
                        400,
                        inv,
                        "given 2 times"));
        c.add(
                bundle(
                        "runs: model twice",
                        "USER",
                        form(
                                text("manifest", good()),
                                RawHttp.file("model", "a.pt", zip("m/data.pkl")),
                                RawHttp.file("model", "b.pt", zip("m/data.pkl"))),
                        400,
                        inv,
                        "given 2 times"));
        c.add(
                bundle(
                        "runs: no manifest",
                        "USER",
                        form(RawHttp.file("model", "m.pt", zip("m/data.pkl"))),
                        400,
                        inv,
                        "'manifest' (JSON) is required"));
        c.add(
                bundle(
                        "runs: model as text field",
                        "USER",
                        form(text("manifest", good()), text("model", "weights")),
                        400,
                        inv,
                        "must be a file part"));
        c.add(
                bundle(
                        "runs: model as a binary part without a filename",
                        "USER",
                        form(
                                text("manifest", good()),
                                RawHttp.field(
                                        "model",
                                        "Content-Type: application/octet-stream\r\n",
                                        zip("m/data.pkl"))),
                        400,
                        inv,
                        "must be a file part"));
        c.add(
                bundle(
                        "runs: model not a zip",
                        "USER",
                        form(
                                text("manifest", good()),
                                RawHttp.file("model", "m.pt", utf8("garbage"))),
                        400,
                        inv,
                        "not a TorchScript file"));
        c.add(
                bundle(
                        "runs: zip without TorchScript",
                        "USER",
                        form(
                                text("manifest", good()),
                                RawHttp.file("model", "m.pt", zip("readme.txt"))),
                        400,
                        inv,
                        "without TorchScript content"));
        byte[] cut = Arrays.copyOf(zip("m/data.pkl", "m/version"), 40);
        c.add(
                bundle(
                        "runs: truncated zip",
                        "USER",
                        form(text("manifest", good()), RawHttp.file("model", "m.pt", cut)),
                        400,
                        inv,
                        "model"));
        c.add(
                bundle(
                        "runs: empty model file",
                        "USER",
                        form(text("manifest", good()), RawHttp.file("model", "m.pt", new byte[0])),
                        400,
                        inv,
                        "model"));
        // --- manifest encoding and syntax
        c.add(manifest("manifest: empty", "", 400, inv, "'manifest' (JSON) is required"));
        c.add(manifest("manifest: blank", "   ", 400, inv, "'manifest' (JSON) is required"));
        c.add(manifest("manifest: not JSON", "not json", 400, inv, "not valid JSON"));
        c.add(manifest("manifest: array", "[]", 400, inv, "must be a JSON object"));
        c.add(manifest("manifest: number", "42", 400, inv, "must be a JSON object"));
        c.add(manifest("manifest: string", "\"run\"", 400, inv, "must be a JSON object"));
        c.add(manifest("manifest: null", "null", 400, inv, "must be a JSON object"));
        c.add(
                manifest(
                        "manifest: unclosed object",
                        "{\"benchmark\": \"office-home\"",
                        400,
                        inv,
                        "not valid JSON"));
        c.add(
                manifest(
                        "manifest: single quotes",
                        "{'benchmark': 'office-home'}",
                        400,
                        inv,
                        "not valid JSON"));
        c.add(manifest("manifest: comment", "{/* c */}", 400, inv, "not valid JSON"));
        c.add(
                manifest(
                        "manifest: NaN literal",
                        good().replace("60.0", "NaN"),
                        400,
                        inv,
                        "not valid JSON"));
        c.add(
                manifest(
                        "manifest: duplicate key",
                        good().replace("\"seed\": 900", "\"seed\": 1, \"seed\": 2"),
                        400,
                        inv,
                        "duplicate key 'seed'"));
        c.add(
                manifest(
                        "manifest: duplicate nested key",
                        good().replace(
                                        "\"clipart.accuracy\": 78.5",
                                        "\"clipart.accuracy\": 78.5, \"clipart.accuracy\": 1"),
                        400,
                        inv,
                        "duplicate key 'clipart.accuracy'"));
        c.add(manifest("manifest: trailing object", good() + " {}", 400, inv, "trailing content"));
        c.add(manifest("manifest: trailing brace", good() + "}", 400, inv, "trailing content"));
        c.add(manifest("manifest: trailing word", good() + " true", 400, inv, "trailing content"));
        byte[] latin1 =
                good().replace("test run", "caf\u00e9 run").getBytes(StandardCharsets.ISO_8859_1);
        c.add(
                bundle(
                        "manifest: Latin-1 text field",
                        "USER",
                        form(RawHttp.field("manifest", "", latin1)),
                        400,
                        inv,
                        "must be UTF-8"));
        c.add(
                bundle(
                        "manifest: declared Latin-1",
                        "USER",
                        form(
                                RawHttp.field(
                                        "manifest",
                                        "Content-Type: application/json; charset=ISO-8859-1\r\n",
                                        latin1)),
                        400,
                        inv,
                        "declares charset"));
        c.add(
                bundle(
                        "manifest: Latin-1 file part",
                        "USER",
                        form(RawHttp.file("manifest", "run.json", latin1)),
                        400,
                        inv,
                        "must be UTF-8"));
        c.add(
                bundle(
                        "manifest: UTF-16",
                        "USER",
                        form(
                                RawHttp.field(
                                        "manifest", "", good().getBytes(StandardCharsets.UTF_16))),
                        400,
                        inv,
                        "must be UTF-8"));
        // --- manifest content
        c.add(
                manifest(
                        "manifest: unknown benchmark",
                        good().replace("office-home", "imagenet"),
                        400,
                        inv,
                        "unknown benchmark 'imagenet'"));
        c.add(
                manifest(
                        "manifest: unknown backbone",
                        good().replace("resnet18", "vgg16"),
                        400,
                        inv,
                        "unknown backbone 'vgg16'"));
        c.add(
                manifest(
                        "manifest: unknown method",
                        good().replace("\"famo\"", "\"magic\""),
                        400,
                        inv,
                        "unknown method 'magic'"));
        c.add(
                manifest(
                        "manifest: newMethod for a known method",
                        good().replace(
                                        "\"seed\"",
                                        "\"newMethod\": {\"name\": \"F\", \"url\": \"https://x.org\"}, \"seed\""),
                        400,
                        inv,
                        "already exists"));
        c.add(
                manifest(
                        "manifest: unknown optimizer",
                        good().replace("\"adam\"", "\"lion\""),
                        400,
                        inv,
                        "/optimizer"));
        c.add(
                manifest(
                        "manifest: unknown gradient level",
                        good().replace("\"param\"", "\"layer\""),
                        400,
                        inv,
                        "/gradientLevel"));
        c.add(manifest("manifest: negative seed", good().replace("900", "-1"), 400, inv, "/seed"));
        c.add(
                manifest(
                        "manifest: fractional seed",
                        good().replace("900", "1.5"),
                        400,
                        inv,
                        "/seed"));
        c.add(
                manifest(
                        "manifest: seed as string",
                        good().replace("900", "\"900\""),
                        400,
                        inv,
                        "/seed"));
        c.add(
                manifest(
                        "manifest: missing benchmark",
                        good().replace("\"benchmark\": \"office-home\",", ""),
                        400,
                        inv,
                        "/benchmark"));
        c.add(
                manifest(
                        "manifest: missing claims",
                        good().replaceFirst(",\\s*\"claims\": \\{[^}]*}", ""),
                        400,
                        inv,
                        "/claims"));
        c.add(
                manifest(
                        "manifest: unknown property",
                        good().replace("\"seed\"", "\"color\": \"red\", \"seed\""),
                        400,
                        inv,
                        "color"));
        c.add(
                manifest(
                        "manifest: description too long",
                        good().replace("test run", "x".repeat(5001)),
                        400,
                        inv,
                        "/description"));
        c.add(
                manifest(
                        "manifest: code URL not http",
                        good().replace(
                                        "\"seed\"",
                                        "\"codeUrl\": \"javascript:alert(1)\", " + "\"seed\""),
                        400,
                        inv,
                        "/codeUrl"));
        c.add(
                manifest(
                        "manifest: benchmark as number",
                        good().replace("\"office-home\"", "7"),
                        400,
                        inv,
                        "/benchmark"));
        // --- claims
        c.add(
                manifest(
                        "claims: percentage 150",
                        SubmissionResourceTest.manifest(900, "150"),
                        400,
                        inv,
                        "between 0 and 100"));
        c.add(
                manifest(
                        "claims: percentage -5",
                        SubmissionResourceTest.manifest(900, "-5"),
                        400,
                        inv,
                        "between 0 and 100"));
        c.add(
                manifest(
                        "claims: percentage 1e308",
                        SubmissionResourceTest.manifest(900, "1e308"),
                        400,
                        inv,
                        "between 0 and 100"));
        c.add(
                manifest(
                        "claims: percentage 100.001",
                        SubmissionResourceTest.manifest(900, "100.001"),
                        400,
                        inv,
                        "between 0 and 100"));
        c.add(
                manifest(
                        "claims: overflowing number",
                        SubmissionResourceTest.manifest(900, "1e999"),
                        400,
                        inv,
                        "must be a finite number"));
        c.add(
                manifest(
                        "claims: string value",
                        SubmissionResourceTest.manifest(900, "\"60\""),
                        400,
                        inv,
                        "/claims/art.accuracy"));
        c.add(
                manifest(
                        "claims: null value",
                        SubmissionResourceTest.manifest(900, "null"),
                        400,
                        inv,
                        "/claims/art.accuracy"));
        c.add(
                manifest(
                        "claims: metric missing",
                        good().replace("\"clipart.accuracy\": 78.5,", ""),
                        400,
                        inv,
                        "every metric of office-home must be claimed"));
        c.add(
                manifest(
                        "claims: unknown metric",
                        good().replace("\"clipart.accuracy\"", "\"clipart.f1\""),
                        400,
                        inv,
                        "not a metric of office-home"));
        c.add(
                manifest(
                        "claims: negative depth error",
                        nyu("-0.1", "20"),
                        400,
                        inv,
                        "must be 0 or more"));
        c.add(manifest("claims: angle over 180", nyu("0.5", "200"), 400, inv, "between 0 and 180"));
        c.add(
                manifest(
                        "claims: not an object",
                        good().replaceFirst("\"claims\": \\{[^}]*}", "\"claims\": [1, 2]"),
                        400,
                        inv,
                        "/claims"));
        // --- training log
        c.add(manifest("log: not an array", withLog("{}"), 400, inv, "/trainingLog"));
        c.add(
                manifest(
                        "log: epoch 0",
                        withLog("[{\"epoch\": 0}]"),
                        400,
                        inv,
                        "/trainingLog/0/epoch"));
        c.add(
                manifest(
                        "log: epoch missing",
                        withLog("[{\"seconds\": 1}]"),
                        400,
                        inv,
                        "/trainingLog/0/epoch"));
        c.add(
                manifest(
                        "log: negative seconds",
                        withLog("[{\"epoch\": 1, \"seconds\": -1}]"),
                        400,
                        inv,
                        "/trainingLog/0/seconds"));
        c.add(
                manifest(
                        "log: FD above 1",
                        withLog("[{\"epoch\": 1, \"fd\": {\"value\": 2}}]"),
                        400,
                        inv,
                        "/trainingLog/0/fd/value"));
        c.add(
                manifest(
                        "log: loss as string",
                        withLog("[{\"epoch\": 1, \"losses\": {\"art\": \"low\"}}]"),
                        400,
                        inv,
                        "/trainingLog/0/losses/art"));
        c.add(
                manifest(
                        "log: unknown epoch field",
                        withLog("[{\"epoch\": 1, \"mood\": 3}]"),
                        400,
                        inv,
                        "/trainingLog/0"));
        // --- sizes
        String huge = good().replace("test run", "x".repeat(1_100_000));
        c.add(
                manifest(
                        "size: manifest text field over 1 MiB",
                        huge,
                        413,
                        "payload-too-large",
                        "a manifest may have at most 1048576 bytes"));
        c.add(
                bundle(
                        "size: manifest file part over 1 MiB",
                        "USER",
                        form(RawHttp.file("manifest", "run.json", utf8(huge))),
                        413,
                        "payload-too-large",
                        "a manifest may have at most 1048576 bytes"));
        byte[] model = zip("m/data.pkl", "m/version");
        byte[] bigModel = RawHttp.concat(model, new byte[3 << 20]);
        c.add(
                bundle(
                        "size: model over the model limit",
                        "USER",
                        form(text("manifest", good()), RawHttp.file("model", "m.pt", bigModel)),
                        413,
                        "payload-too-large",
                        "at most 2097152"));
        c.add(
                bundle(
                        "size: request over the request limit",
                        "USER",
                        form(
                                text("manifest", good()),
                                RawHttp.file("model", "m.pt", new byte[5 << 20])),
                        413,
                        "payload-too-large",
                        "a whole request 4194304 bytes"));
        // --- idempotency
        c.add(
                req(
                                "idempotency: key too long",
                                "POST",
                                "/api/runs",
                                "USER",
                                MULTIPART,
                                whole,
                                400,
                                inv,
                                "at most 200 characters")
                        .withHeader("Idempotency-Key", "k".repeat(201)));
        c.add(
                req(
                                "idempotency: replay with another manifest",
                                "POST",
                                "/api/runs",
                                "USER",
                                MULTIPART,
                                form(text("manifest", SubmissionResourceTest.manifest(901, 61.0))),
                                409,
                                "conflict",
                                "with a different manifest")
                        .withHeader("Idempotency-Key", "catalogue-key"));
        c.add(
                req(
                                "idempotency: replay adding a model",
                                "POST",
                                "/api/runs",
                                "USER",
                                MULTIPART,
                                form(
                                        text("manifest", fixtureManifest()),
                                        RawHttp.file("model", "m.pt", model)),
                                409,
                                "conflict",
                                "without a model")
                        .withHeader("Idempotency-Key", "catalogue-key"));
        // --- request line and headers
        c.add(
                get(
                        "headers: URI over 4096 characters",
                        "/api/benchmarks?x=" + "a".repeat(5000),
                        414,
                        "uri-too-long",
                        "at most 4096 are accepted"));
        c.add(
                req(
                                "headers: 20 KB of headers",
                                "GET",
                                "/api/benchmarks",
                                null,
                                null,
                                null,
                                431,
                                "request-header-fields-too-large",
                                "at most 16384 are accepted")
                        .withHeader("X-Padding", "p".repeat(20000)));
        c.add(
                bundle(
                                "headers: 20 KB header on a submission",
                                "USER",
                                whole,
                                431,
                                "request-header-fields-too-large",
                                "at most 16384 are accepted")
                        .withHeader("X-Padding", "p".repeat(20000)));
        // --- run by id
        c.add(
                get(
                        "run: id not a number",
                        "/api/runs/abc",
                        404,
                        "not-found",
                        "run ids are numbers"));
        c.add(get("run: unknown id", "/api/runs/987654321", 404, "not-found", "No run 987654321"));
        c.add(
                get(
                        "run: id overflowing a long",
                        "/api/runs/99999999999999999999",
                        404,
                        "not-found",
                        "run ids are numbers"));
        c.add(
                get(
                        "run log: id not a number",
                        "/api/runs/abc/log",
                        404,
                        "not-found",
                        "run ids are numbers"));
        c.add(
                get(
                        "run log: unknown id",
                        "/api/runs/987654321/log",
                        404,
                        "not-found",
                        "No run 987654321"));
        c.add(
                get(
                        "training log: unknown id",
                        "/api/runs/987654321/training-log",
                        404,
                        "not-found",
                        "No run"));
        c.add(
                get(
                        "run: unknown sub-resource",
                        "/api/runs/1/nothing",
                        404,
                        "not-found",
                        "No resource at"));
        // --- withdraw
        c.add(
                req(
                        "withdraw: no token",
                        "DELETE",
                        "/api/runs/{run}",
                        null,
                        null,
                        null,
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                req(
                        "withdraw: another submitter",
                        "DELETE",
                        "/api/runs/{run}",
                        "OTHER",
                        null,
                        null,
                        403,
                        "forbidden",
                        "Only the token that submitted run"));
        c.add(
                req(
                        "withdraw: unknown run",
                        "DELETE",
                        "/api/runs/987654321",
                        "USER",
                        null,
                        null,
                        404,
                        "not-found",
                        "No run 987654321"));
        c.add(
                req(
                        "withdraw: id not a number",
                        "DELETE",
                        "/api/runs/abc",
                        "USER",
                        null,
                        null,
                        404,
                        "not-found",
                        "run ids are numbers"));
        // --- retry
        c.add(
                req(
                        "retry: no token",
                        "POST",
                        "/api/runs/{run}/retry",
                        null,
                        null,
                        null,
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                req(
                        "retry: not an admin",
                        "POST",
                        "/api/runs/{run}/retry",
                        "USER",
                        null,
                        null,
                        403,
                        "forbidden",
                        "Only an admin token"));
        c.add(
                req(
                        "retry: claimed run",
                        "POST",
                        "/api/runs/{run}/retry",
                        "ADMIN",
                        null,
                        null,
                        409,
                        "conflict",
                        "is claimed"));
        c.add(
                req(
                        "retry: unknown run",
                        "POST",
                        "/api/runs/987654321/retry",
                        "ADMIN",
                        null,
                        null,
                        404,
                        "not-found",
                        "No run 987654321"));
        // --- moderation
        String moderation = "/api/runs/{run}/moderation";
        c.add(
                json(
                        "moderation: no token",
                        "POST",
                        moderation,
                        null,
                        "{\"hidden\": true}",
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                json(
                        "moderation: not an admin",
                        "POST",
                        moderation,
                        "USER",
                        "{\"hidden\": true}",
                        403,
                        "forbidden",
                        "Only an admin token"));
        c.add(
                json(
                        "moderation: hidden as string",
                        "POST",
                        moderation,
                        "ADMIN",
                        "{\"hidden\": \"yes\"}",
                        400,
                        inv,
                        "hidden: must be true or false"));
        c.add(
                json(
                        "moderation: flagged as object",
                        "POST",
                        moderation,
                        "ADMIN",
                        "{\"flagged\": {}}",
                        400,
                        inv,
                        "flagged: must be true or false"));
        c.add(
                json(
                        "moderation: nothing to change",
                        "POST",
                        moderation,
                        "ADMIN",
                        "{}",
                        400,
                        inv,
                        "Nothing to change"));
        c.add(
                json(
                        "moderation: only nulls",
                        "POST",
                        moderation,
                        "ADMIN",
                        "{\"hidden\": null}",
                        400,
                        inv,
                        "Nothing to change"));
        c.add(
                json(
                        "moderation: empty body",
                        "POST",
                        moderation,
                        "ADMIN",
                        "",
                        400,
                        inv,
                        "Nothing to change"));
        c.add(
                json(
                        "moderation: array body",
                        "POST",
                        moderation,
                        "ADMIN",
                        "[true]",
                        400,
                        inv,
                        "a JSON object"));
        c.add(
                json(
                        "moderation: malformed JSON",
                        "POST",
                        moderation,
                        "ADMIN",
                        "{\"hidden\": tru",
                        400,
                        inv,
                        "not valid JSON"));
        c.add(
                req(
                        "moderation: text/plain",
                        "POST",
                        moderation,
                        "ADMIN",
                        "text/plain",
                        utf8("hidden"),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        c.add(
                json(
                        "moderation: id not a number",
                        "POST",
                        "/api/runs/abc/moderation",
                        "ADMIN",
                        "{\"hidden\": true}",
                        404,
                        "not-found",
                        "No run 'abc': run ids are numbers"));
        c.add(
                json(
                        "moderation: unknown run",
                        "POST",
                        "/api/runs/987654321/moderation",
                        "ADMIN",
                        "{\"hidden\": true}",
                        404,
                        "not-found",
                        "No run 987654321"));
        // --- tokens
        c.add(
                json(
                        "tokens: no token",
                        "POST",
                        "/api/tokens",
                        null,
                        "{\"name\": \"x\"}",
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                json(
                        "tokens: not an admin",
                        "POST",
                        "/api/tokens",
                        "USER",
                        "{\"name\": \"x\"}",
                        403,
                        "forbidden",
                        "Only an admin token"));
        c.add(
                json(
                        "tokens: no name",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{}",
                        400,
                        inv,
                        "name: required"));
        c.add(
                json(
                        "tokens: blank name",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"  \"}",
                        400,
                        inv,
                        "name: required"));
        c.add(
                json(
                        "tokens: name too long",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"" + "n".repeat(201) + "\"}",
                        400,
                        inv,
                        "at most 200 characters"));
        c.add(
                json(
                        "tokens: runsPerDay as string",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"runsPerDay\": \"abc\"}",
                        400,
                        inv,
                        "runsPerDay: must be a number"));
        c.add(
                json(
                        "tokens: maxConcurrent as array",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"maxConcurrent\": [1]}",
                        400,
                        inv,
                        "maxConcurrent: must be a number"));
        c.add(
                json(
                        "tokens: admin as string",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"admin\": \"maybe\"}",
                        400,
                        inv,
                        "admin: must be true or false"));
        c.add(
                json(
                        "tokens: negative runsPerDay",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"runsPerDay\": -1}",
                        400,
                        inv,
                        "must be 0 or more"));
        c.add(
                json(
                        "tokens: negative maxConcurrent",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"maxConcurrent\": -3}",
                        400,
                        inv,
                        "must be 0 or more"));
        c.add(
                json(
                        "tokens: runsPerDay overflowing an int",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": \"x\", \"runsPerDay\": 99999999999}",
                        400,
                        inv,
                        "runsPerDay"));
        c.add(
                json(
                        "tokens: malformed JSON",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "{\"name\": ",
                        400,
                        inv,
                        "not valid JSON"));
        c.add(
                json(
                        "tokens: empty body",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "",
                        400,
                        inv,
                        "name: required"));
        c.add(
                json(
                        "tokens: array body",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "[]",
                        400,
                        inv,
                        "a JSON object"));
        c.add(
                req(
                        "tokens: text/plain",
                        "POST",
                        "/api/tokens",
                        "ADMIN",
                        "text/plain",
                        utf8("name=x"),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        c.add(
                req(
                        "tokens: list without token",
                        "GET",
                        "/api/tokens",
                        null,
                        null,
                        null,
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                req(
                        "tokens: list as a user",
                        "GET",
                        "/api/tokens",
                        "USER",
                        null,
                        null,
                        403,
                        "forbidden",
                        "Only an admin token"));
        c.add(
                req(
                        "tokens: revoke without token",
                        "DELETE",
                        "/api/tokens/1",
                        null,
                        null,
                        null,
                        401,
                        "unauthorized",
                        "needs an API token"));
        c.add(
                req(
                        "tokens: revoke as a user",
                        "DELETE",
                        "/api/tokens/1",
                        "USER",
                        null,
                        null,
                        403,
                        "forbidden",
                        "Only an admin token"));
        c.add(
                req(
                        "tokens: revoke unknown",
                        "DELETE",
                        "/api/tokens/987654321",
                        "ADMIN",
                        null,
                        null,
                        404,
                        "not-found",
                        "No token 987654321"));
        c.add(
                req(
                        "tokens: revoke id not a number",
                        "DELETE",
                        "/api/tokens/abc",
                        "ADMIN",
                        null,
                        null,
                        404,
                        "not-found",
                        "No token 'abc': token ids are numbers"));
        // --- leaderboards
        String board = "/api/leaderboards/office-home";
        c.add(
                get(
                        "leaderboard: unknown benchmark",
                        "/api/leaderboards/imagenet",
                        404,
                        "not-found",
                        "imagenet"));
        c.add(
                get(
                        "leaderboard: unknown backbone",
                        board + "?backbone=vgg16",
                        400,
                        inv,
                        "backbone"));
        c.add(
                get(
                        "leaderboard: unknown optimizer",
                        board + "?optimizer=lion",
                        400,
                        inv,
                        "optimizer"));
        c.add(
                get(
                        "leaderboard: unknown gradient level",
                        board + "?gradientLevel=layer",
                        400,
                        inv,
                        "gradientLevel"));
        c.add(get("leaderboard: unknown source", board + "?source=rumour", 400, inv, "source"));
        c.add(get("leaderboard: unknown method", board + "?method=magic", 400, inv, "method"));
        c.add(get("leaderboard: unknown sort", board + "?sort=color", 400, inv, "sort"));
        c.add(get("leaderboard: unknown order", board + "?order=up", 400, inv, "order"));
        c.add(
                get(
                        "leaderboard: unknown convention",
                        board + "?convention=mine",
                        400,
                        inv,
                        "convention"));
        // a single-value parameter given twice is refused, not read as its first value
        c.add(
                get(
                        "leaderboard: convention twice",
                        board + "?convention=flat&convention=mine",
                        400,
                        inv,
                        "it takes one value"));
        c.add(
                get(
                        "leaderboard: page twice, both valid",
                        board + "?page=1&page=2",
                        400,
                        inv,
                        "page"));
        c.add(
                get(
                        "ranking: coefficient twice",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&coefficient=kendall&coefficient=spearman",
                        400,
                        inv,
                        "coefficient"));
        c.add(
                get(
                        "analysis: benchmark twice",
                        "/api/analysis/robustness?benchmark=multifashion&benchmark=nyuv2",
                        400,
                        inv,
                        "benchmark"));
        c.add(get("leaderboard: page 0", board + "?page=0", 400, inv, "page"));
        c.add(get("leaderboard: page not a number", board + "?page=first", 400, inv, "page"));
        c.add(get("leaderboard: size 0", board + "?size=0", 400, inv, "size"));
        c.add(get("leaderboard: size too large", board + "?size=100000", 400, inv, "size"));
        c.add(get("leaderboard: unknown format", board + "?format=xml", 400, inv, "format"));
        c.add(
                get(
                        "leaderboard: injected sort",
                        board + "?sort=rank%3Bdrop%20table%20run",
                        400,
                        inv,
                        "sort"));
        // --- catalogue of benchmarks and methods
        c.add(get("benchmark: unknown", "/api/benchmarks/imagenet", 404, "not-found", "imagenet"));
        c.add(get("method: unknown", "/api/methods/magic", 404, "not-found", "magic"));
        String samples = "/api/benchmarks/multifashion/samples/";
        c.add(
                get(
                        "sample picture: unknown benchmark",
                        "/api/benchmarks/imagenet/samples/0.png",
                        404,
                        "not-found",
                        "imagenet"));
        c.add(
                get(
                        "sample picture: data not bundled",
                        "/api/benchmarks/cityscapes/samples/0.png",
                        404,
                        "not-found",
                        "not bundled"));
        c.add(
                get(
                        "sample picture: index past the split",
                        samples + "10000.png",
                        400,
                        inv,
                        "from 0 to 9999"));
        c.add(get("sample picture: negative index", samples + "-1.png", 400, inv, "index"));
        c.add(get("sample picture: index not a number", samples + "first.png", 400, inv, "index"));
        c.add(
                get(
                        "sample picture: target of another benchmark",
                        samples + "0.png?target=depth",
                        400,
                        inv,
                        "target"));
        c.add(
                req(
                        "benchmarks: POST",
                        "POST",
                        "/api/benchmarks",
                        null,
                        JSON,
                        utf8("{}"),
                        405,
                        "method-not-allowed",
                        "Method not allowed"));
        c.add(
                get(
                        "api: unknown path",
                        "/api/nothing-here",
                        404,
                        "not-found",
                        "No resource at /api/nothing-here"));
        // --- analyses
        c.add(
                get(
                        "ranking: unknown coefficient",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&coefficient=pearson",
                        400,
                        inv,
                        "coefficient"));
        c.add(
                get(
                        "ranking: k 0",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&k=0",
                        400,
                        inv,
                        "k"));
        c.add(
                get(
                        "ranking: k not a number",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&k=three",
                        400,
                        inv,
                        "k"));
        c.add(
                get(
                        "ranking: unknown indicator",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&indicator=vibes",
                        400,
                        inv,
                        "indicator"));
        c.add(
                get(
                        "ranking: unknown benchmark",
                        "/api/analysis/ranking-similarity?benchmark=imagenet",
                        400,
                        inv,
                        "benchmark"));
        c.add(
                get(
                        "fd: unknown coefficient",
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&coefficient=x",
                        400,
                        inv,
                        "coefficient"));
        c.add(
                get(
                        "gradients: unknown level",
                        "/api/analysis/gradients?benchmark=multifashion&level=layer",
                        400,
                        inv,
                        "level"));
        c.add(
                get(
                        "gradients: unknown indicator",
                        "/api/analysis/gradients?benchmark=multifashion&indicator=vibes",
                        400,
                        inv,
                        "indicator"));
        c.add(
                get(
                        "levels: unknown backbone",
                        "/api/analysis/levels?benchmark=multifashion&backbone=vgg16",
                        400,
                        inv,
                        "backbone"));
        c.add(
                get(
                        "optimizers: k too large",
                        "/api/analysis/optimizers?benchmark=multifashion&k=999",
                        400,
                        inv,
                        "k"));
        c.add(
                get(
                        "robustness: unknown corruption",
                        "/api/analysis/robustness?benchmark=multifashion&corruption=fog",
                        400,
                        inv,
                        "corruption"));
        c.add(
                get(
                        "robustness: no benchmark",
                        "/api/analysis/robustness",
                        400,
                        inv,
                        "benchmark: required"));
        c.add(
                get(
                        "robustness: unknown metric",
                        "/api/analysis/robustness?benchmark=multifashion&metric=left.f1",
                        400,
                        inv,
                        "metric"));
        c.add(
                get(
                        "grouping: budget not a number",
                        "/api/analysis/task-grouping?budget=two",
                        400,
                        inv,
                        "budget"));
        String grouping = "/api/analysis/task-grouping";
        c.add(
                req(
                        "grouping: empty table",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        new byte[0],
                        400,
                        inv,
                        "csv"));
        c.add(
                req(
                        "grouping: table over 20,000 characters",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        utf8("cost,a,b\n" + "1,0.5,0.5\n".repeat(2_500)),
                        413,
                        "payload-too-large",
                        "at most 20000 characters, got 25009"));
        c.add(
                req(
                        "grouping: bad header",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        utf8("price,a,b\n1,0.5,0.5\n"),
                        400,
                        inv,
                        "the header must start with 'cost'"));
        c.add(
                req(
                        "grouping: loss not a number",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        utf8("cost,a,b\n1,low,0.5\n"),
                        400,
                        inv,
                        "is not a finite number"));
        c.add(
                req(
                        "grouping: negative cost",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        utf8("cost,a,b\n-1,0.5,0.5\n"),
                        400,
                        inv,
                        "the cost must be positive"));
        c.add(
                req(
                        "grouping: repeated task",
                        "POST",
                        grouping,
                        null,
                        "text/csv",
                        utf8("cost,a,a\n1,0.5,0.5\n"),
                        400,
                        inv,
                        "repeated"));
        c.add(
                req(
                        "grouping: JSON body",
                        "POST",
                        grouping,
                        null,
                        JSON,
                        utf8("{}"),
                        415,
                        "unsupported-media-type",
                        "Unsupported content type"));
        return c.stream();
    }

    /** The manifest of the fixture run submitted with Idempotency-Key {@code catalogue-key}. */
    private static String fixtureManifest() {
        return SubmissionResourceTest.manifest(899, 60.0);
    }

    @BeforeAll
    static void captureErrors() {
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseErrors() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    private void fixtures() {
        if (TOKENS.isEmpty()) {
            TOKENS.put("USER", Tokens.create("catalogue-user", 1000, 10));
            TOKENS.put("OTHER", Tokens.create("catalogue-other", 1000, 10));
            TOKENS.put("ADMIN", Tokens.ADMIN);
            fixtureRun =
                    given().header("Authorization", TOKENS.get("USER"))
                            .header("Idempotency-Key", "catalogue-key")
                            .multiPart("manifest", fixtureManifest())
                            .when()
                            .post("/api/runs")
                            .then()
                            .statusCode(201)
                            .extract()
                            .jsonPath()
                            .getLong("id");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void shouldAnswerEveryBadRequestWithAProblemAndStoreNothing(Case c) throws Exception {
        fixtures();
        Snapshot before = snapshot();
        synchronized (ERRORS) {
            ERRORS.clear();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((k, v) -> headers.put(k, TOKENS.getOrDefault(v, v)));
        RawHttp.Answer a =
                RawHttp.send(
                        URI.create(root.toString()),
                        c.method(),
                        c.path().replace("{run}", String.valueOf(fixtureRun)),
                        headers,
                        c.body());

        assertThat(a.status()).as("%s: %s", c.name(), a.body()).isEqualTo(c.status());
        assertThat(a.contentType())
                .as("%s: %s", c.name(), a.body())
                .startsWith("application/problem+json");
        JsonPath problem = JsonPath.from(a.body());
        assertThat(problem.getString("type")).as(c.name()).isEqualTo(TYPE + c.type());
        assertThat(problem.getInt("status")).isEqualTo(c.status());
        // every problem names the request it answers: its path, without the query
        String path = c.path().replace("{run}", String.valueOf(fixtureRun)).split("\\?")[0];
        assertThat(problem.getString("instance")).as(c.name()).isNotBlank();
        assertThat(URI.create(path).getPath())
                .as(c.name())
                .startsWith(problem.getString("instance"));
        String detail =
                problem.getString("detail")
                        + "\n"
                        + String.join(
                                "\n",
                                problem.getList(
                                        "violations.collect { it.field + ': ' + it.message }",
                                        String.class));
        assertThat(detail).as(c.name()).contains(c.phrase());
        Snapshot after = settled(before);
        assertThat(after.storesNothingBeyond(before))
                .as("%s: nothing stored: before %s, after %s", c.name(), before, after)
                .isTrue();
        synchronized (ERRORS) {
            assertThat(ERRORS)
                    .as("%s: errors logged", c.name())
                    .extracting(LogRecord::getMessage)
                    .isEmpty();
        }
    }

    /** Runs, tokens, artifact files and the names of the upload files. */
    record Snapshot(long runs, long tokens, long artifacts, Set<String> uploads) {

        /**
         * Nothing was added since {@code before}. An upload file that was there before may have
         * gone: a request of an earlier test refused mid-upload keeps its partial file until its
         * connection is given up, up to a minute later.
         */
        boolean storesNothingBeyond(Snapshot before) {
            return runs == before.runs
                    && tokens == before.tokens
                    && artifacts == before.artifacts
                    && before.uploads.containsAll(uploads);
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(
                QuarkusTransaction.requiringNew().call(() -> Run.count()),
                QuarkusTransaction.requiringNew().call(() -> ApiToken.count()),
                files("artifacts").size(),
                files("uploads"));
    }

    /** The snapshot once the server has removed the request's upload files (it does so as the answer ends). */
    private Snapshot settled(Snapshot expected) throws InterruptedException {
        Snapshot now = snapshot();
        for (int i = 0; i < 50 && !now.storesNothingBeyond(expected); i++) {
            Thread.sleep(100);
            now = snapshot();
        }
        return now;
    }

    private Set<String> files(String dir) {
        Path path = Path.of(config.dataDir(), dir);
        if (!Files.isDirectory(path)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> path.relativize(f).toString())
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
