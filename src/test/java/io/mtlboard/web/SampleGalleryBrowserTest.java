package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sample galleries of the benchmark pages in a real headless Chromium: every picture and legend
 * image loads (lazy pictures once scrolled to), within the page's Content-Security-Policy.
 */
@QuarkusTest
@Tag("browser")
class SampleGalleryBrowserTest {

    /** Scrolls every image of the gallery and legends into view; the images that have not loaded. */
    private static final String NOT_LOADED =
            """
            const imgs = [...document.querySelectorAll('#sample-gallery img, .sample-legends img')];
            imgs.forEach(i => i.scrollIntoView());
            return imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));
            """;

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1300, 900);
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
    void shouldLoadEveryPictureOfTheMultiFashionGallery() {
        assertThat(loadedPictures("/benchmarks/multifashion")).isEqualTo(8);
    }

    @Test
    void shouldLoadEveryPictureAndLegendOfTheFashionScenesGallery() {
        // three scenes × (input, segmentation, depth, normals), 11 class swatches and the depth bar
        assertThat(loadedPictures("/benchmarks/fashionscenes")).isEqualTo(12 + 11 + 1);
    }

    /** Opens the page, waits until every gallery image has loaded, and counts them. */
    @SuppressWarnings("unchecked")
    private long loadedPictures(String path) {
        driver.get(root.toString().replaceAll("/$", "") + path);
        JavascriptExecutor js = driver;
        HeadlessChromium.waiting(driver)
                .until(d -> ((List<String>) js.executeScript(NOT_LOADED)).isEmpty());
        return (Long)
                js.executeScript(
                        "return document.querySelectorAll('#sample-gallery img, .sample-legends img').length;");
    }
}
