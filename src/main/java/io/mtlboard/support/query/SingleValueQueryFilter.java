package io.mtlboard.support.query;

import io.mtlboard.support.InvalidInputProblem;
import io.mtlboard.support.Violation;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request that repeats a query parameter which takes one value ({@code
 * ?convention=flat&convention=foo}) with a 400 problem naming it, where JAX-RS would silently
 * keep the first value and answer for a query the client did not mean. A parameter takes one
 * value when the resource method, or a {@code @BeanParam} of it, declares it as a single value
 * rather than a collection; collections may be repeated (and comma-separated, {@link
 * QueryChecks}).
 */
public class SingleValueQueryFilter {

    private final Map<Method, Set<String>> singleValued = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseRepeated(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> single = singleValued.computeIfAbsent(method, SingleValueQueryFilter::of);
        if (single.isEmpty()) {
            return;
        }
        var query = request.getUriInfo().getQueryParameters();
        List<Violation> violations = new ArrayList<>();
        for (String name : single) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                violations.add(
                        new Violation(
                                name,
                                "given "
                                        + values.size()
                                        + " times ("
                                        + String.join(", ", values)
                                        + "); it takes one value"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputProblem(
                    "A query parameter that takes one value was given more than once", violations);
        }
    }

    /** The names of the single-valued query parameters of a resource method. */
    static Set<String> of(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter p : method.getParameters()) {
            add(names, p, p.getType());
            if (p.isAnnotationPresent(BeanParam.class)) {
                for (Class<?> c = p.getType();
                        c != null && c != Object.class;
                        c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        add(names, f, f.getType());
                    }
                }
            }
        }
        return Set.copyOf(names);
    }

    private static void add(Set<String> names, AnnotatedElement element, Class<?> type) {
        QueryParam q = element.getAnnotation(QueryParam.class);
        if (q != null && !Collection.class.isAssignableFrom(type) && !type.isArray()) {
            names.add(q.value());
        }
    }
}
