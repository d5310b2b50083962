package io.mtlboard.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Requests exactly as given (hand-made multipart bodies, wrong boundaries, chunked streams), which
 * RestAssured would tidy up before sending.
 */
public final class RawHttp {

    public static final String BOUNDARY = "mtlboard-test-boundary";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private RawHttp() {}

    /** An answer: status, content type and body text. */
    record Answer(int status, String contentType, String body) {}

    /** One multipart text field with the given part headers. */
    public static byte[] field(String name, String partHeaders, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ("--"
                                + BOUNDARY
                                + "\r\nContent-Disposition: form-data; name=\""
                                + name
                                + "\"\r\n"
                                + partHeaders
                                + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One multipart part with exactly these part headers (each ending in CRLF), e.g. none at all. */
    public static byte[] part(String partHeaders, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ("--" + BOUNDARY + "\r\n" + partHeaders + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** One multipart file part. */
    public static byte[] file(String name, String filename, byte[] value) {
        return field(
                name + "\"; filename=\"" + filename,
                "Content-Type: application/octet-stream\r\n",
                value);
    }

    public static byte[] end() {
        return ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Answer send(
            URI base, String method, String path, Map<String, String> headers, byte[] body) {
        return send(
                base,
                method,
                path,
                headers,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends a body of unknown length: chunked transfer encoding, no Content-Length. */
    static Answer sendChunked(
            URI base, String path, Map<String, String> headers, Supplier<InputStream> body) {
        return send(base, "POST", path, headers, HttpRequest.BodyPublishers.ofInputStream(body));
    }

    private static Answer send(
            URI base,
            String method,
            String path,
            Map<String, String> headers,
            HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(120))
                        .method(method, body);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A stream of {@code bytes} zero bytes that is never materialised. */
    static InputStream zeros(long bytes) {
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
