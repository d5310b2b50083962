package io.mtlboard.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML for the methodology pages (CommonMark with tables). Raw HTML in the source is
 * escaped; a heading that starts with a section number ("2." or "2.1") gets the id {@code s2} or
 * {@code s2-1}.
 */
final class Markdown {

    private static final Pattern NUMBER = Pattern.compile("^(\\d+(?:\\.\\d+)*)\\.?\\s");
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder()
                    .extensions(EXTENSIONS)
                    .escapeHtml(true)
                    .attributeProviderFactory(context -> new SectionIds())
                    .build();

    private Markdown() {}

    static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** The anchor of a heading's text, or null when it is not numbered. */
    static String sectionId(String headingText) {
        Matcher m = NUMBER.matcher(headingText);
        return m.find() ? "s" + m.group(1).replace('.', '-') : null;
    }

    /** A link to a sibling document, e.g. {@code LEADERBOARD.md#s3}: file name and anchor. */
    private static final Pattern SIBLING = Pattern.compile("^([A-Z]+)\\.md(#[\\w-]+)?$");

    /**
     * The portal's address of a link between the documents ({@code LEADERBOARD.md#s3} → {@code
     * /docs/leaderboard#s3}), so that the same Markdown links work in the repository and on the
     * site; other links unchanged.
     */
    static String siteLink(String href) {
        Matcher m = SIBLING.matcher(href);
        return m.matches()
                ? "/docs/"
                        + m.group(1).toLowerCase(java.util.Locale.ROOT)
                        + (m.group(2) == null ? "" : m.group(2))
                : href;
    }

    private static final class SectionIds implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof org.commonmark.node.Link && attributes.containsKey("href")) {
                attributes.put("href", siteLink(attributes.get("href")));
            }
            if (node instanceof Heading && node.getFirstChild() instanceof Text text) {
                String id = sectionId(text.getLiteral());
                if (id != null) {
                    attributes.put("id", id);
                }
            }
        }
    }
}
