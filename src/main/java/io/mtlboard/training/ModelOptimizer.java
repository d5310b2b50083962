package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optimizers of the reference runs, applied by hand to a parameter and the gradient the
 * trainer assembled for it (PyTorch's update rules): Adam (β = 0.9, 0.999, ε = 1e-8, bias
 * corrected) and SGD with momentum ({@code buf ← μ·buf + g}, {@code w ← w − lr·buf}). State is
 * kept per parameter key, next to the weights. Updates are in place, so the caller must have
 * switched libtorch's gradient recording off.
 */
abstract class ModelOptimizer {

    /** Optimizer ids as in run manifests. */
    static final List<String> IDS = List.of("adam", "sgd");

    static final double SGD_MOMENTUM = 0.9;

    final float lr;

    /** The factor of {@link #lr} for the next updates ({@link LrSchedule}); 1 keeps lr exactly. */
    private float factor = 1f;

    ModelOptimizer(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        this.lr = (float) lr;
    }

    /** Scales the learning rate of the next updates by {@code f} (in [0, 1]) of the base rate. */
    void schedule(double f) {
        if (!(f >= 0 && f <= 1)) {
            throw new IllegalArgumentException("lr factor must be in [0, 1], got " + f);
        }
        factor = (float) f;
    }

    /** The learning rate of the next update. */
    float rate() {
        return lr * factor;
    }

    /** The optimizer {@code id} ({@code adam} or {@code sgd}) with learning rate {@code lr}. */
    static ModelOptimizer of(String id, double lr) {
        return of(id, lr, SGD_MOMENTUM);
    }

    /** The optimizer {@code id} with learning rate {@code lr} and, for SGD, momentum {@code momentum}. */
    static ModelOptimizer of(String id, double lr, double momentum) {
        return switch (requireKnown(id)) {
            case "adam" -> new Adam(lr);
            default -> new Sgd(lr, momentum);
        };
    }

    /** {@code id} if it names an optimizer. */
    static String requireKnown(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("unknown optimizer '" + id + "'; known: " + IDS);
        }
        return id;
    }

    /** Moves {@code weight} one step along −{@code gradient}; returns the squared norm of the change. */
    abstract double update(String key, NDArray weight, NDArray gradient);

    /**
     * The optimizer's state for a checkpoint: its arrays go into {@code arrays} under names
     * starting with {@code prefix}, its counters into the returned JSON. Parameter keys (ids that
     * differ between two builds of a network) are written as {@code names} gives them.
     */
    abstract ObjectNode save(String prefix, Map<String, NDArray> arrays, Map<String, String> names);

    /**
     * Puts back the state {@link #save} took; {@code arrays} were read into {@code manager}, and
     * {@code keys} gives each written name this network's parameter key.
     */
    abstract void restore(
            JsonNode state,
            String prefix,
            Map<String, NDArray> arrays,
            Map<String, String> keys,
            NDManager manager);

    /** Parameter keys by their written name, in name order. */
    private static Map<String, String> byName(Iterable<String> keys, Map<String, String> names) {
        Map<String, String> byName = new TreeMap<>();
        keys.forEach(key -> byName.put(named(names, key), key));
        return byName;
    }

    private static String named(Map<String, String> names, String key) {
        String name = names.get(key);
        if (name == null) {
            throw new IllegalStateException("optimizer state of an unknown parameter " + key);
        }
        return name;
    }

    private static NDArray required(Map<String, NDArray> arrays, String name, NDManager manager) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalStateException("checkpoint lacks the optimizer array " + name);
        }
        a.attach(manager);
        return a;
    }

    private static double squaredNorm(NDArray step) {
        try (NDArray squares = step.square();
                NDArray sum = squares.sum()) {
            return sum.getFloat();
        }
    }

    /** Adam (Kingma & Ba, 2015) as {@code torch.optim.Adam} without weight decay. */
    static final class Adam extends ModelOptimizer {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        private static final float EPSILON = 1e-8f;
        private final Map<String, NDArray[]> moments = new HashMap<>();
        private final Map<String, Integer> steps = new HashMap<>();

        Adam(double lr) {
            super(lr);
        }

        @Override
        double update(String key, NDArray weight, NDArray gradient) {
            NDArray[] mv =
                    moments.computeIfAbsent(
                            key, k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
            int t = steps.merge(key, 1, Integer::sum);
            mv[0].muli(BETA1).addi(gradient.mul(1 - BETA1));
            mv[1].muli(BETA2).addi(gradient.square().mul(1 - BETA2));
            float correction1 = (float) (1 - Math.pow(BETA1, t));
            float correction2 = (float) (1 - Math.pow(BETA2, t));
            // temporaries derived from the moments live with them: close them here
            try (NDArray scaled = mv[1].div(correction2);
                    NDArray denominator = scaled.sqrt();
                    NDArray step = mv[0].div(denominator.addi(EPSILON))) {
                step.muli(rate() / correction1);
                weight.subi(step);
                return squaredNorm(step);
            }
        }

        @Override
        ObjectNode save(String prefix, Map<String, NDArray> arrays, Map<String, String> names) {
            ObjectNode saved = JsonNodeFactory.instance.objectNode();
            byName(moments.keySet(), names)
                    .forEach(
                            (name, key) -> {
                                NDArray[] mv = moments.get(key);
                                arrays.put(prefix + "m/" + name, mv[0]);
                                arrays.put(prefix + "v/" + name, mv[1]);
                                saved.put(name, steps.get(key));
                            });
            return saved;
        }

        @Override
        void restore(
                JsonNode state,
                String prefix,
                Map<String, NDArray> arrays,
                Map<String, String> keys,
                NDManager manager) {
            moments.clear();
            steps.clear();
            state.fields()
                    .forEachRemaining(
                            e -> {
                                String name = e.getKey();
                                String key = named(keys, name);
                                moments.put(
                                        key,
                                        new NDArray[] {
                                            required(arrays, prefix + "m/" + name, manager),
                                            required(arrays, prefix + "v/" + name, manager)
                                        });
                                steps.put(key, e.getValue().asInt());
                            });
        }
    }

    /** SGD with momentum as {@code torch.optim.SGD(momentum=μ)}. */
    static final class Sgd extends ModelOptimizer {
        private final float momentum;
        private final Map<String, NDArray> buffers = new HashMap<>();

        Sgd(double lr, double momentum) {
            super(lr);
            this.momentum = (float) momentum;
        }

        @Override
        double update(String key, NDArray weight, NDArray gradient) {
            NDArray buffer = buffers.get(key);
            if (buffer == null) {
                buffer = gradient.duplicate();
                buffer.attach(weight.getManager());
                buffers.put(key, buffer);
            } else {
                buffer.muli(momentum).addi(gradient);
            }
            try (NDArray step = buffer.mul(rate())) {
                weight.subi(step);
                return squaredNorm(step);
            }
        }

        @Override
        ObjectNode save(String prefix, Map<String, NDArray> arrays, Map<String, String> names) {
            ObjectNode saved = JsonNodeFactory.instance.objectNode();
            byName(buffers.keySet(), names)
                    .forEach(
                            (name, key) -> {
                                arrays.put(prefix + "buf/" + name, buffers.get(key));
                                saved.put(name, 1);
                            });
            return saved;
        }

        @Override
        void restore(
                JsonNode state,
                String prefix,
                Map<String, NDArray> arrays,
                Map<String, String> keys,
                NDManager manager) {
            buffers.clear();
            state.fieldNames()
                    .forEachRemaining(
                            name ->
                                    buffers.put(
                                            named(keys, name),
                                            required(arrays, prefix + "buf/" + name, manager)));
        }
    }
}
