package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of answer carries the security headers: pages, static files, API, problems, metrics. */
@QuarkusTest
class SecurityHeadersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/benchmarks/multifashion",
                "/static/js/charts.js",
                "/webjars/chart.js/dist/chart.umd.js",
                "/api/benchmarks",
                "/api/runs/999999",
                "/no/such/page",
                "/q/health",
                "/q/metrics",
                "/q/openapi"
            })
    void shouldSendSecurityHeadersOnEveryResponse(String path) {
        given().when()
                .get(path)
                .then()
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"))
                .header("Permissions-Policy", containsString("camera=()"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/runs", "/api/tokens"})
    void shouldSendSecurityHeadersOnRefusedRequests(String path) {
        given().contentType("application/json")
                .body("{")
                .when()
                .post(path)
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }
}
