package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void shouldAnchorNumberedSectionsOnly() {
        assertThat(Markdown.sectionId("2. Δm — relative gain")).isEqualTo("s2");
        assertThat(Markdown.sectionId("2.4 Adam vs SGD")).isEqualTo("s2-4");
        assertThat(Markdown.sectionId("Notation")).isNull();
        assertThat(Markdown.html("## 7. Robustness\n\ntext"))
                .contains("<h2 id=\"s7\">7. Robustness</h2>");
    }

    @Test
    void shouldRenderTablesAndEscapeRawHtml() {
        String html =
                Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n");
        assertThat(html).contains("<table>").contains("<td>1</td>").doesNotContain("<script>");
    }

    @Test
    void shouldPointLinksBetweenTheDocumentsAtTheirPages() {
        assertThat(Markdown.siteLink("LEADERBOARD.md#s3")).isEqualTo("/docs/leaderboard#s3");
        assertThat(Markdown.siteLink("METRICS.md")).isEqualTo("/docs/metrics");
        assertThat(Markdown.siteLink("https://arxiv.org/abs/2402.03557"))
                .isEqualTo("https://arxiv.org/abs/2402.03557");
        assertThat(Markdown.siteLink("/docs/metrics#s4")).isEqualTo("/docs/metrics#s4");
        assertThat(Markdown.html("see [§3](LEADERBOARD.md#s3)"))
                .contains("<a href=\"/docs/leaderboard#s3\">§3</a>");
    }

    /** Every link of a shipped document to another one (or itself) reaches a page and an anchor. */
    @Test
    void shouldHaveNoBrokenLinkBetweenTheShippedDocuments() throws Exception {
        java.util.Map<String, String> pages = new java.util.HashMap<>();
        for (DocsPage.Doc d : DocsPage.DOCS) {
            pages.put(
                    "/docs/" + d.name(),
                    Markdown.html(
                            java.nio.file.Files.readString(
                                    java.nio.file.Path.of("docs", d.file()))));
        }
        java.util.regex.Pattern href = java.util.regex.Pattern.compile("href=\"([^\"]*)\"");
        int checked = 0;
        for (var page : pages.entrySet()) {
            java.util.regex.Matcher m = href.matcher(page.getValue());
            while (m.find()) {
                String link = m.group(1);
                assertThat(link)
                        .as("on %s", page.getKey())
                        .doesNotEndWith(".md")
                        .doesNotContain(".md#");
                if (link.startsWith("/docs/") || link.startsWith("#")) {
                    String target =
                            link.startsWith("#") ? page.getKey() : link.replaceFirst("#.*", "");
                    assertThat(pages).as("%s on %s", link, page.getKey()).containsKey(target);
                    if (link.contains("#")) {
                        assertThat(pages.get(target))
                                .as("%s on %s", link, page.getKey())
                                .contains("id=\"" + link.substring(link.indexOf('#') + 1) + "\"");
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }
}
