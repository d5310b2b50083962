package io.mtlboard.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Legend pictures for the sample galleries as {@code data:} SVG images, drawn from the colours the
 * picture endpoint uses: the style policy forbids inline styles, and images from {@code data:}
 * are allowed.
 */
@TemplateExtension(namespace = "legend")
public final class LegendImages {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

    private LegendImages() {}

    /** A square of one colour ({@code #rrggbb}). */
    public static String swatch(String colour) {
        return data(
                "<svg xmlns='http://www.w3.org/2000/svg' width='14' height='14'>"
                        + "<rect width='14' height='14' fill='"
                        + checked(colour)
                        + "' stroke='#888' stroke-width='1'/></svg>");
    }

    /** A horizontal colour bar through {@code stops}, evenly spaced. */
    public static String bar(List<String> stops) {
        StringBuilder svg =
                new StringBuilder(
                        "<svg xmlns='http://www.w3.org/2000/svg' width='160' height='14'>"
                                + "<linearGradient id='g'>");
        for (int i = 0; i < stops.size(); i++) {
            svg.append("<stop offset='")
                    .append(stops.size() == 1 ? 0 : (double) i / (stops.size() - 1))
                    .append("' stop-color='")
                    .append(checked(stops.get(i)))
                    .append("'/>");
        }
        svg.append("</linearGradient><rect width='160' height='14' fill='url(#g)'/></svg>");
        return data(svg.toString());
    }

    private static String checked(String colour) {
        if (!COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException("not a #rrggbb colour: " + colour);
        }
        return colour;
    }

    private static String data(String svg) {
        return "data:image/svg+xml,"
                + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
