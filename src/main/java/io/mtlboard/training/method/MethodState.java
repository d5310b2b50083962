package io.mtlboard.training.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The state of an {@link MtlMethod} between two training steps, as JSON, for a run's checkpoint:
 * every field that can change — EMAs, learnable weights and their optimizer's moments, epoch
 * history, the draw count of its random source ({@link CountingRandom}) — read and written by
 * reflection, so that a method added later checkpoints without code of its own. Final fields of
 * immutable types are configuration and stay as constructed. A field of any other type fails the
 * capture with its name, rather than letting a resumed run silently differ.
 */
public final class MethodState {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MethodState() {}

    /** The state of {@code method}. */
    public static ObjectNode capture(MtlMethod method) {
        return captureObject(method);
    }

    /** Puts {@code method} back into {@code state}, which {@link #capture} took of a method built alike. */
    public static void restore(MtlMethod method, JsonNode state) {
        restoreObject(method, state);
    }

    private static ObjectNode captureObject(Object o) {
        ObjectNode node = NODES.objectNode();
        for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                f.setAccessible(true);
                Object value = get(f, o);
                String key = c.getSimpleName() + "." + f.getName();
                JsonNode captured = captureValue(f, value);
                if (captured != null) {
                    node.set(key, captured);
                }
            }
        }
        return node;
    }

    /** The field's value as JSON; null for configuration that cannot change. */
    private static JsonNode captureValue(Field f, Object value) {
        boolean fin = Modifier.isFinal(f.getModifiers());
        Class<?> type = f.getType();
        if (type.isPrimitive() || immutable(type)) {
            if (fin) {
                return null;
            }
            if (value == null) {
                return NODES.nullNode();
            }
            if (value instanceof Double d) {
                return NODES.numberNode(d);
            }
            if (value instanceof Float x) {
                return NODES.numberNode(x);
            }
            if (value instanceof Long l) {
                return NODES.numberNode(l);
            }
            if (value instanceof Integer i) {
                return NODES.numberNode(i);
            }
            if (value instanceof Boolean b) {
                return NODES.booleanNode(b);
            }
            return NODES.textNode(value.toString());
        }
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof double[] a) {
            return doubles(a);
        }
        if (value instanceof int[] a) {
            ArrayNode n = NODES.arrayNode();
            for (int x : a) {
                n.add(x);
            }
            return n;
        }
        if (value instanceof double[][] a) {
            ArrayNode n = NODES.arrayNode();
            for (double[] row : a) {
                n.add(row == null ? NODES.nullNode() : doubles(row));
            }
            return n;
        }
        if (value instanceof CountingRandom r) {
            return NODES.numberNode(r.draws());
        }
        if (value instanceof ParameterOptimizer) {
            // a lambda (plain gradient descent) holds only its rate
            return value.getClass().isSynthetic() || value.getClass().getName().contains("$$Lambda")
                    ? null
                    : captureObject(value);
        }
        throw new IllegalStateException(
                "cannot checkpoint "
                        + f.getDeclaringClass().getSimpleName()
                        + "."
                        + f.getName()
                        + " of type "
                        + type.getName());
    }

    private static boolean immutable(Class<?> type) {
        return type == String.class
                || type.isEnum()
                || Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang.")
                || type == Boolean.class;
    }

    private static ArrayNode doubles(double[] a) {
        ArrayNode n = NODES.arrayNode();
        for (double x : a) {
            n.add(x);
        }
        return n;
    }

    private static void restoreObject(Object o, JsonNode state) {
        for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String key = c.getSimpleName() + "." + f.getName();
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || !state.has(key)) {
                    continue;
                }
                f.setAccessible(true);
                restoreField(o, f, state.get(key));
            }
        }
    }

    private static void restoreField(Object o, Field f, JsonNode n) {
        Class<?> type = f.getType();
        Object current = get(f, o);
        if (n.isNull() && Modifier.isFinal(f.getModifiers())) {
            // a final field that was null (a part the method was built without) stays null
            return;
        }
        if (type == double.class || type == Double.class) {
            set(f, o, n.isNull() ? null : n.asDouble());
        } else if (type == float.class || type == Float.class) {
            set(f, o, n.isNull() ? null : (float) n.asDouble());
        } else if (type == long.class || type == Long.class) {
            set(f, o, n.isNull() ? null : n.asLong());
        } else if (type == int.class || type == Integer.class) {
            set(f, o, n.isNull() ? null : n.asInt());
        } else if (type == boolean.class || type == Boolean.class) {
            set(f, o, n.isNull() ? null : n.asBoolean());
        } else if (type == double[].class) {
            double[] a = n.isNull() ? null : toDoubles(n);
            if (Modifier.isFinal(f.getModifiers())) {
                System.arraycopy(a, 0, (double[]) current, 0, a.length);
            } else {
                set(f, o, a);
            }
        } else if (type == int[].class) {
            int[] a = null;
            if (!n.isNull()) {
                a = new int[n.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = n.get(i).asInt();
                }
            }
            if (Modifier.isFinal(f.getModifiers())) {
                System.arraycopy(a, 0, (int[]) current, 0, a.length);
            } else {
                set(f, o, a);
            }
        } else if (type == double[][].class) {
            double[][] a = null;
            if (!n.isNull()) {
                a = new double[n.size()][];
                for (int i = 0; i < a.length; i++) {
                    a[i] = n.get(i).isNull() ? null : toDoubles(n.get(i));
                }
            }
            if (Modifier.isFinal(f.getModifiers())) {
                double[][] target = (double[][]) current;
                for (int i = 0; i < a.length; i++) {
                    target[i] = a[i];
                }
            } else {
                set(f, o, a);
            }
        } else if (current instanceof CountingRandom r) {
            r.restore(n.asLong());
        } else if (current instanceof ParameterOptimizer) {
            restoreObject(current, n);
        } else if (type == String.class || type.isEnum()) {
            // configuration: stays as constructed
        } else {
            throw new IllegalStateException(
                    "cannot restore "
                            + f.getDeclaringClass().getSimpleName()
                            + "."
                            + f.getName()
                            + " of type "
                            + type.getName());
        }
    }

    private static double[] toDoubles(JsonNode n) {
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asDouble();
        }
        return a;
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object o, Object value) {
        try {
            f.set(o, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
