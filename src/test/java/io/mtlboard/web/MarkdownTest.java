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
}
