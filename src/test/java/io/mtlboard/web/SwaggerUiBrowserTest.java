package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.run.SubmissionResourceTest;
import io.mtlboard.submission.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Swagger UI in a real headless Chromium submits a run as a researcher would: Authorize with a
 * token, "Try it out" on {@code POST /api/runs}, paste a claims-only manifest, Execute, and the
 * portal answers 201 with the new run.
 */
@QuarkusTest
@Tag("browser")
class SwaggerUiBrowserTest {

    @TestHTTPResource("/q/swagger-ui/")
    URL swaggerUi;

    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1400, 1200);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            try {
                assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void shouldSubmitAClaimsOnlyRunAfterAuthorizingWithAToken() throws Exception {
        String token = Tokens.create("swagger-ui", 10, 2).substring("Bearer ".length());
        driver.get(swaggerUi.toString());
        try {
            // Authorize: the bearer scheme's dialog takes the secret alone
            click(By.cssSelector("button.btn.authorize"));
            WebElement value =
                    visible(
                            By.cssSelector(
                                    ".auth-container input[aria-label='auth-bearer-value']"));
            value.sendKeys(token);
            click(By.cssSelector(".auth-container button.authorize"));
            click(By.cssSelector("button.btn-done"));

            WebElement op = visible(By.id("operations-Runs-post_api_runs"));
            op.findElement(By.cssSelector(".opblock-summary")).click();
            assertThat(
                            visible(
                                            By.cssSelector(
                                                    "#operations-Runs-post_api_runs .opblock-description"))
                                    .getText())
                    .contains("Authorization: Bearer <token>");
            click(By.cssSelector("#operations-Runs-post_api_runs button.try-out__btn"));
            WebElement manifest =
                    visible(
                            By.cssSelector(
                                    "#operations-Runs-post_api_runs tr[data-property-name='manifest'] input,"
                                            + " #operations-Runs-post_api_runs tr[data-property-name='manifest'] textarea"));
            manifest.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            manifest.sendKeys(SubmissionResourceTest.manifest(4201, 66.6).replaceAll("\\s+", " "));
            click(By.cssSelector("#operations-Runs-post_api_runs button.execute"));

            WebElement status =
                    visible(
                            By.cssSelector(
                                    "#operations-Runs-post_api_runs .live-responses-table tbody .response-col_status"));
            assertThat(status.getText().trim()).isEqualTo("201");
            String body =
                    driver.findElement(
                                    By.cssSelector(
                                            "#operations-Runs-post_api_runs .live-responses-table tbody .response-col_description pre"))
                            .getText();
            assertThat(body)
                    .contains("\"status\": \"claimed\"")
                    .contains("\"submitter\": \"swagger-ui\"");
            String id = body.replaceAll("(?s).*?\"id\": (\\d+).*", "$1");
            given().when()
                    .get("/api/runs/" + id)
                    .then()
                    .statusCode(200)
                    .body("submitter", Matchers.equalTo("swagger-ui"));
        } catch (RuntimeException | AssertionError e) {
            Files.writeString(Path.of("target", "swagger-ui-failure.html"), driver.getPageSource());
            throw e;
        }
    }

    private WebElement visible(By by) {
        return HeadlessChromium.waiting(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(By by) {
        HeadlessChromium.waiting(driver).until(ExpectedConditions.elementToBeClickable(by)).click();
    }
}
