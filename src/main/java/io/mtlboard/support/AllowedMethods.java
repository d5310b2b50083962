package io.mtlboard.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods each path of the application's REST resources answers, for the {@code Allow}
 * header a 405 must carry (RFC 9110 §15.5.6): RESTEasy Reactive refuses a method a path lacks
 * without naming the ones it has. Read once from the resource classes' {@code @Path} and method
 * annotations; GET implies HEAD, as JAX-RS answers HEAD for every GET.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER =
            Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})*))?}");

    /** One resource method's path as a pattern, and its HTTP method. */
    record Route(Pattern path, String method) {}

    private final BeanManager beans;
    private volatile List<Route> routes;

    public AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods some resource answers at {@code path} (sorted); empty when none matches. */
    public Set<String> at(String path) {
        String p = "/" + path.replaceFirst("^/+", "");
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes()) {
            if (r.path().matcher(p).matches()) {
                allowed.add(r.method());
                if (HttpMethod.GET.equals(r.method())) {
                    allowed.add(HttpMethod.HEAD);
                }
            }
        }
        return allowed;
    }

    private List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            List<Route> all = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                Path root = type.getAnnotation(Path.class);
                if (root != null) {
                    all.addAll(routes(type, root.value()));
                }
            }
            routes = r = List.copyOf(all);
        }
        return r;
    }

    /** The routes of the resource methods of a class whose {@code @Path} is {@code root}. */
    static List<Route> routes(Class<?> type, String root) {
        List<Route> all = new ArrayList<>();
        for (Method m : type.getMethods()) {
            for (Annotation a : m.getAnnotations()) {
                HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    Path sub = m.getAnnotation(Path.class);
                    all.add(
                            new Route(
                                    pattern(join(root, sub == null ? "" : sub.value())),
                                    http.value()));
                }
            }
        }
        return all;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }

    /**
     * A path template as a pattern: {@code {name}} matches one segment, {@code {name: regex}} its
     * regex; a trailing slash is optional, as RESTEasy Reactive matches it.
     */
    static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
