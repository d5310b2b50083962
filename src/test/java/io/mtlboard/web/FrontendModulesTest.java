package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The front end is ES modules: the pages load each script as a module, and every import names a
 * file that exists (a missing one would stop the whole page script without a word in the page).
 */
class FrontendModulesTest {

    private static final Path JS = Path.of("frontend/js");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern IMPORT =
            Pattern.compile(
                    "^import\\s+(?:[^'\"]*\\sfrom\\s+)?['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void shouldImportOnlyModulesThatExist() throws IOException {
        int imports = 0;
        for (Path module : files(JS, ".js")) {
            Matcher m = IMPORT.matcher(Files.readString(module));
            while (m.find()) {
                String specifier = m.group(1);
                imports++;
                if (specifier.startsWith("/")) {
                    // the one import from outside the front end: Chart.js, vendored as a webjar
                    assertThat(specifier)
                            .as(module.toString())
                            .isEqualTo("/webjars/chart.js/dist/chart.umd.js");
                } else {
                    assertThat(specifier).as(module.toString()).startsWith(".").endsWith(".js");
                    assertThat(module.getParent().resolve(specifier).normalize())
                            .as(module + " imports " + specifier)
                            .isRegularFile()
                            .startsWith(JS);
                }
            }
            // modules export what they share: none publishes a global
            assertThat(Files.readString(module))
                    .as(module.toString())
                    .doesNotContainPattern("window\\.\\w+\\s*=[^=]");
        }
        assertThat(imports).isGreaterThan(20);
    }

    @Test
    void shouldLoadEveryPageScriptAsAModule() throws IOException {
        int scripts = 0;
        for (Path template : files(TEMPLATES, ".html")) {
            Matcher m = SCRIPT.matcher(Files.readString(template));
            while (m.find()) {
                scripts++;
                assertThat(m.group())
                        .as(template.toString())
                        .contains("type=\"module\"")
                        .contains("src=\"{asset:url('js/");
            }
        }
        assertThat(scripts).isGreaterThan(10);
    }
}
