package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Over-long request lines and header blocks, sent over a raw socket exactly as given: up to the
 * HTTP server's codec ceiling ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}) they are answered with a problem and the security headers; past it the
 * codec answers with a bare status before any route runs (documented in README.md).
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL root;

    /** A raw answer: status line, headers (lower-case names) and body. */
    record Raw(String statusLine, int status, Map<String, String> headers, String body) {}

    private Raw send(String requestHead) throws IOException {
        try (Socket s = new Socket(root.getHost(), root.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException closed) {
                // refused before the whole request was sent: the answer is still to be read
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    all.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                // the server may reset the connection after its answer while our request was
                // still in its receive buffer; what was read before counts
            }
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    private static Raw parse(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as("a complete answer head: %s", answer).isPositive();
        String[] lines = answer.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Raw(
                lines[0],
                Integer.parseInt(lines[0].split(" ")[1]),
                headers,
                answer.substring(end + 4));
    }

    private String get(String target, String extraHeaders) {
        return "GET "
                + target
                + " HTTP/1.1\r\nHost: "
                + root.getHost()
                + "\r\n"
                + extraHeaders
                + "Connection: close\r\n\r\n";
    }

    private static int codecLimit(String key) {
        return (int)
                ConfigProvider.getConfig()
                        .getValue(key, io.quarkus.runtime.configuration.MemorySize.class)
                        .asLongValue();
    }

    private static void assertProblemWithSecurityHeaders(
            Raw a, int status, String type, String phrase) {
        assertThat(a.status()).as(a.statusLine() + "\n" + a.body()).isEqualTo(status);
        assertThat(a.headers().get("content-type"))
                .as(a.statusLine() + " " + a.headers())
                .startsWith("application/problem+json");
        JsonPath problem = JsonPath.from(a.body());
        assertThat(problem.getString("type")).isEqualTo("https://mtlboard.io/problems/" + type);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("detail")).contains(phrase);
        assertThat(a.headers().get("content-security-policy"))
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(a.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(a.headers().get("x-frame-options")).isEqualTo("DENY");
        assertThat(a.headers().get("referrer-policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void shouldAnswerALongRequestUriWithAProblemUpToTheCodecCeiling() throws IOException {
        int ceiling = codecLimit("quarkus.http.limits.max-initial-line-length");
        for (int length : new int[] {5_000, 20_000, ceiling - 100}) {
            String target = "/api/benchmarks?x=" + "a".repeat(length - 18);
            Raw a = send(get(target, ""));
            assertProblemWithSecurityHeaders(a, 414, "uri-too-long", "at most 4096 are accepted");
            assertThat(a.body()).contains("has " + target.length() + " characters");
        }
    }

    @Test
    void shouldAnswerLongHeadersWithAProblemUpToTheCodecCeiling() throws IOException {
        int ceiling = codecLimit("quarkus.http.limits.max-header-size");
        for (int bytes : new int[] {20_000, 80_000, ceiling - 1_000}) {
            // in lines of 8,000 bytes, as a client with many or large cookies sends them
            StringBuilder headers = new StringBuilder();
            for (int i = 0; headers.length() < bytes; i++) {
                headers.append("X-Padding-")
                        .append(i)
                        .append(": ")
                        .append("p".repeat(Math.min(8_000, bytes - headers.length())))
                        .append("\r\n");
            }
            Raw a = send(get("/api/benchmarks", headers.toString()));
            assertProblemWithSecurityHeaders(
                    a, 431, "request-header-fields-too-large", "at most 16384 are accepted");
        }
    }

    @Test
    void shouldRefuseARequestPastTheCodecCeilingAndGoOnServing() throws IOException {
        int line = codecLimit("quarkus.http.limits.max-initial-line-length");
        int headers = codecLimit("quarkus.http.limits.max-header-size");
        assertThat(line)
                .as("codec ceiling far above the portal's 4096")
                .isGreaterThanOrEqualTo(16 * 4096);
        assertThat(headers)
                .as("codec ceiling far above the portal's 16 KiB")
                .isGreaterThanOrEqualTo(8 * 16384);
        // past the ceiling the codec refuses the request before any route: a bare status
        assertThat(send(get("/api/benchmarks?x=" + "a".repeat(line), "")).status()).isEqualTo(414);
        assertThat(
                        send(get("/api/benchmarks", "X-Padding: " + "p".repeat(headers) + "\r\n"))
                                .status())
                .isEqualTo(431);
        assertThat(send(get("/api/benchmarks", "")).status()).isEqualTo(200);
    }
}
