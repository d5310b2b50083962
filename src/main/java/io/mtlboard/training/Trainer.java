package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.evaluation.ModelFault;
import io.mtlboard.evaluation.SplitScorer;
import io.mtlboard.support.CodeVersion;
import io.mtlboard.training.method.CountingRandom;
import io.mtlboard.training.method.MtlMethod;
import io.mtlboard.training.method.MtlMethods;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Trains the networks of one reference run: one multi-task network with the run's MTL method, or,
 * for the single-task baseline, one network per task side by side on the same batches. Each epoch
 * the training samples are shuffled, every step is taken by {@link TrainingStep}, the method hears
 * the epoch-mean losses, and the networks are scored on the validation samples by the
 * {@link SplitScorer}, the scoring core of the evaluator. Everything random (initialization, batch
 * order, the method's own draws) follows the run's seed.
 */
final class Trainer {

    /** Receives progress in network steps. */
    interface Progress {
        void steps(int done);

        /**
         * Counts steps a resumed run had done before its stop: they count as done but took no
         * time in this process.
         */
        default void resumed(int done) {
            steps(done);
        }
    }

    /**
     * The trained networks (at their checkpoint), their training log, the wall time and the
     * checkpoint and convergence facts ({@link Convergence}).
     */
    record Outcome(
            List<MultiTaskNet> nets,
            List<Map<String, Object>> log,
            double seconds,
            Map<String, Object> convergence,
            List<Integer> resumedAfter,
            List<Map<String, Object>> codeSegments) {}

    private static final class Member {
        final MultiTaskNet net;
        final MtlMethod method;
        final TrainingStep step;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch;
        double[] firstValues;
        List<NDArray> best;

        Member(MultiTaskNet net, MtlMethod method, TrainingStep step) {
            this.net = net;
            this.method = method;
            this.step = step;
        }

        MultiTaskNet net() {
            return net;
        }

        MtlMethod method() {
            return method;
        }

        TrainingStep step() {
            return step;
        }
    }

    private final ReferenceData data;
    private final TrainingSettings settings;
    private final Progress progress;

    Trainer(ReferenceData data, TrainingSettings settings, Progress progress) {
        this.data = data;
        this.settings = settings;
        this.progress = progress;
    }

    /** Trains {@code spec}; the networks' parameters live in {@code manager}. */
    Outcome train(RunSpec spec, NDManager manager) {
        return train(spec, manager, null);
    }

    /**
     * Trains {@code spec}, resuming from {@code checkpoint} when it holds a whole checkpoint of this
     * run and writing one after every epoch but the last (null: none); throws {@link
     * RunCheckpoint.Paused} right after a checkpoint is written while a pause is requested. A resumed run is the run
     * that was not stopped: the same parameters, optimizer and method state, batch order and
     * logged samples; its training seconds sum the segments.
     */
    Outcome train(RunSpec spec, NDManager manager, RunCheckpoint checkpoint) {
        List<Member> members;
        // libtorch's generator is global: seeding and initializing must not interleave with another
        // run's
        synchronized (Trainer.class) {
            Engine.getEngine("PyTorch").setRandomSeed((int) spec.seed());
            members = members(spec, manager);
        }
        CountingRandom random = new CountingRandom(spec.seed());
        List<Map<String, Object>> log = new ArrayList<>();
        List<Integer> resumedAfter = new ArrayList<>();
        // the code that trained each segment of a run stopped and resumed (training.codeSegments)
        List<Map<String, Object>> codeSegments = new ArrayList<>();
        int first = 1;
        double before = 0;
        if (checkpoint != null) {
            Optional<RunCheckpoint.Loaded> loaded = checkpoint.resume(manager);
            if (loaded.isPresent()) {
                JsonNode state = loaded.get().state();
                restore(loaded.get(), members, random, log, manager);
                first = state.path("epoch").asInt() + 1;
                before = state.path("seconds").asDouble();
                state.path("resumedAfter").forEach(e -> resumedAfter.add(e.asInt()));
                codeSegments.addAll(priorSegments(state, resumedAfter));
                resumedAfter.add(first - 1);
                // the progress counts the epochs done before the stop as done
                progress.resumed((first - 1) * settings.stepsPerEpoch() * members.size());
            }
        }
        codeSegments.add(codeSegment(first, CodeVersion.current().orElse(null)));
        long start = System.nanoTime();
        for (int epoch = first; epoch <= settings.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            EpochLog epochLog =
                    epoch(members, manager, random, (epoch - 1) * settings.stepsPerEpoch());
            endEpoch(members, epochLog.meanLosses());
            Map<String, Double> validation = score(members, data.validation);
            Map<String, Object> entry =
                    epochLog.entry(epoch, (System.nanoTime() - epochStart) / 1e9, validation);
            Map<String, Double> heads = headUpdates(members);
            if (settings.lossScales() != null || settings.frozenEncoder()) {
                // the loss-scale study's log; its bundles are kept apart from the imported
                // reference runs
                entry.put("headUpdates", heads);
            }
            log.add(entry);
            for (Member member : members) {
                keepIfBest(member, validation, epoch, manager);
            }
            if (checkpoint != null && epoch < settings.epochs()) {
                boolean written =
                        save(
                                checkpoint,
                                epoch,
                                members,
                                random,
                                log,
                                before + (System.nanoTime() - start) / 1e9,
                                resumedAfter,
                                codeSegments);
                if (written && checkpoint.pauseRequested()) {
                    // the networks' arrays live in the caller's manager, closed by the caller
                    throw new RunCheckpoint.Paused(epoch, checkpoint.dir());
                }
            }
        }
        double seconds = before + (System.nanoTime() - start) / 1e9;
        if (settings.bestValidation()) {
            members.forEach(Trainer::restoreBest);
        }
        Map<String, Object> convergence =
                Convergence.of(data.manifest, log, settings.convergenceThreshold());
        Map<String, Integer> bestEpochs = new LinkedHashMap<>();
        for (Member member : members) {
            member.net()
                    .tasks()
                    .forEach(
                            t ->
                                    bestEpochs.put(
                                            data.manifest.tasks().get(t).name(),
                                            settings.bestValidation()
                                                    ? member.bestEpoch
                                                    : settings.epochs()));
        }
        convergence.put("checkpoint", settings.bestValidation() ? "best-validation" : "last");
        convergence.put("checkpointEpoch", bestEpochs);
        members.forEach(
                m -> {
                    if (m.best != null) {
                        m.best.forEach(NDArray::close);
                    }
                });
        return new Outcome(
                members.stream().map(Member::net).toList(),
                log,
                seconds,
                convergence,
                resumedAfter,
                codeSegments);
    }

    /** A segment of training from {@code fromEpoch}, and the code that ran it (null: unknown). */
    static Map<String, Object> codeSegment(int fromEpoch, CodeVersion code) {
        Map<String, Object> segment = new LinkedHashMap<>();
        segment.put("fromEpoch", fromEpoch);
        segment.put("code", code == null ? null : code.toMap());
        return segment;
    }

    /**
     * The code segments a checkpoint recorded; for a checkpoint written before they were recorded,
     * one segment of unknown code per earlier start (epoch 1 and after each earlier resume).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> priorSegments(JsonNode state, List<Integer> resumedAfter) {
        List<Map<String, Object>> segments = new ArrayList<>();
        JsonNode recorded = state.path("codeSegments");
        if (recorded.isArray() && !recorded.isEmpty()) {
            recorded.forEach(n -> segments.add(CHECKPOINT_JSON.convertValue(n, Map.class)));
            return segments;
        }
        segments.add(codeSegment(1, null));
        resumedAfter.forEach(e -> segments.add(codeSegment(e + 1, null)));
        return segments;
    }

    /** Writes the run's state after {@code epoch} (see {@link RunCheckpoint}); whether it was written. */
    private static boolean save(
            RunCheckpoint checkpoint,
            int epoch,
            List<Member> members,
            CountingRandom random,
            List<Map<String, Object>> log,
            double seconds,
            List<Integer> resumedAfter,
            List<Map<String, Object>> codeSegments) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        ObjectNode state = CHECKPOINT_JSON.createObjectNode();
        state.put("seconds", seconds);
        state.put("randomDraws", random.draws());
        state.set("resumedAfter", CHECKPOINT_JSON.valueToTree(resumedAfter));
        state.set("codeSegments", CHECKPOINT_JSON.valueToTree(codeSegments));
        state.set("log", CHECKPOINT_JSON.valueToTree(log));
        ArrayNode states = state.putArray("members");
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            String prefix = "member" + i + "/";
            List<Parameter> params = parameters(member.net());
            for (int j = 0; j < params.size(); j++) {
                arrays.put(prefix + "param/" + j, params.get(j).getArray());
                if (member.best != null) {
                    arrays.put(prefix + "best/" + j, member.best.get(j));
                }
            }
            ObjectNode m = states.addObject();
            if (Double.isFinite(member.bestScore)) {
                m.put("bestScore", member.bestScore);
            }
            m.put("bestEpoch", member.bestEpoch);
            m.set("firstValues", CHECKPOINT_JSON.valueToTree(member.firstValues));
            m.put("best", member.best != null);
            m.set("step", member.step().save(prefix + "step/", arrays));
        }
        return checkpoint.keep(epoch, state, arrays);
    }

    /** Puts the networks, their steps and the batch order back into the checkpoint's state. */
    private static void restore(
            RunCheckpoint.Loaded loaded,
            List<Member> members,
            CountingRandom random,
            List<Map<String, Object>> log,
            NDManager manager) {
        JsonNode state = loaded.state();
        Map<String, NDArray> arrays = loaded.arrays();
        JsonNode states = state.get("members");
        if (states == null || states.size() != members.size()) {
            throw new IllegalStateException("checkpoint of another number of networks");
        }
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < members.size(); i++) {
                Member member = members.get(i);
                JsonNode m = states.get(i);
                String prefix = "member" + i + "/";
                List<Parameter> params = parameters(member.net());
                List<NDArray> best = m.path("best").asBoolean() ? new ArrayList<>() : null;
                RunCheckpoint.setArrays(params, arrays, prefix + "param/");
                for (int j = 0; best != null && j < params.size(); j++) {
                    NDArray copy = arrays.get(prefix + "best/" + j);
                    copy.attach(manager);
                    best.add(copy);
                }
                member.best = best;
                member.bestScore =
                        m.has("bestScore")
                                ? m.get("bestScore").asDouble()
                                : Double.NEGATIVE_INFINITY;
                member.bestEpoch = m.path("bestEpoch").asInt();
                member.firstValues =
                        m.path("firstValues").isNull() || m.path("firstValues").isMissingNode()
                                ? null
                                : CHECKPOINT_JSON.convertValue(
                                        m.get("firstValues"), double[].class);
                member.step().restore(m.get("step"), prefix + "step/", arrays, manager);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        random.restore(state.path("randomDraws").asLong());
        log.addAll(
                CHECKPOINT_JSON.convertValue(
                        state.get("log"),
                        new com.fasterxml.jackson.core.type.TypeReference<
                                List<Map<String, Object>>>() {}));
    }

    private static final ObjectMapper CHECKPOINT_JSON = new ObjectMapper();

    /**
     * The networks of {@code spec}, initialized from its seed, for taking training steps outside
     * any epoch: what {@link StepCost} times. No logging steps, no validation.
     */
    Stepper stepper(RunSpec spec, NDManager manager) {
        List<Member> members;
        synchronized (Trainer.class) {
            Engine.getEngine("PyTorch").setRandomSeed((int) spec.seed());
            members = members(spec, manager);
        }
        return new Stepper(members, manager, new SplittableRandom(spec.seed()));
    }

    /** Takes training steps of one run's networks on batches of the training samples in a seeded order. */
    final class Stepper {
        private final List<Member> members;
        private final NDManager manager;
        private final int[] order;
        private final List<Integer> all;
        private int next;

        private Stepper(List<Member> members, NDManager manager, SplittableRandom random) {
            this.members = members;
            this.manager = manager;
            this.order = permutation(random, data.train.size());
            this.all = IntStream.range(0, data.manifest.tasks().size()).boxed().toList();
        }

        /** Takes {@code n} steps, each on the next batch (wrapping around the samples). */
        void steps(int n) {
            int batch = settings.batchSize();
            int perPass = order.length / batch;
            for (int s = 0; s < n; s++) {
                int from = (next++ % perPass) * batch;
                try (NDManager batchManager = manager.newSubManager()) {
                    NDList samples =
                            data.train.batch(
                                    batchManager,
                                    Arrays.copyOfRange(order, from, from + batch),
                                    all);
                    for (Member member : members) {
                        step(member, batchManager, select(samples, member.net()), false);
                    }
                }
            }
        }
    }

    /** Each task's mean per-step update norm of its head this epoch, ‖Δφ_t‖ (Elich et al. §4.1). */
    private Map<String, Double> headUpdates(List<Member> members) {
        Map<String, Double> updates = new LinkedHashMap<>();
        for (Member member : members) {
            double[] u = member.step().takeHeadUpdates();
            for (int h = 0; h < u.length; h++) {
                updates.put(data.manifest.tasks().get(member.net().tasks().get(h)).name(), u[h]);
            }
        }
        return updates;
    }

    /**
     * The validation score of a network: the mean over its tasks of the task's first metric,
     * oriented so that higher is better and relative to its value after the first epoch.
     */
    private double validationScore(Member member, Map<String, Double> validation) {
        List<Integer> tasks = member.net().tasks();
        double[] values = new double[tasks.size()];
        for (int i = 0; i < values.length; i++) {
            BenchmarkManifest.TaskSpec task = data.manifest.tasks().get(tasks.get(i));
            BenchmarkManifest.MetricSpec metric = task.metrics().get(0);
            double v = validation.getOrDefault(task.name() + "." + metric.name(), Double.NaN);
            values[i] = Boolean.FALSE.equals(metric.higherIsBetter()) ? -v : v;
        }
        if (member.firstValues == null) {
            member.firstValues = values;
        }
        double score = 0;
        for (int i = 0; i < values.length; i++) {
            double scale = Math.abs(member.firstValues[i]);
            score += (values[i] - member.firstValues[i]) / (scale > 0 ? scale : 1);
        }
        return score / values.length;
    }

    private void keepIfBest(
            Member member, Map<String, Double> validation, int epoch, NDManager manager) {
        double score = validationScore(member, validation);
        if (!(score > member.bestScore) && member.bestEpoch > 0) {
            return;
        }
        member.bestScore = score;
        member.bestEpoch = epoch;
        if (!settings.bestValidation()) {
            return;
        }
        if (member.best != null) {
            member.best.forEach(NDArray::close);
        }
        member.best = snapshot(member.net(), manager);
    }

    private static void restoreBest(Member member) {
        if (member.best == null) {
            return;
        }
        restore(member.net(), member.best);
    }

    /** A copy of every array of {@code net} ({@link #parameters}), in {@code manager}. */
    static List<NDArray> snapshot(MultiTaskNet net, NDManager manager) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            List<NDArray> copies = new ArrayList<>();
            for (Parameter p : parameters(net)) {
                NDArray copy = p.getArray().duplicate();
                copy.attach(manager);
                copies.add(copy);
            }
            return copies;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** Gives every array of {@code net} the values of {@code snapshot}, in place. */
    static void restore(MultiTaskNet net, List<NDArray> snapshot) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            List<Parameter> params = parameters(net);
            for (int i = 0; i < params.size(); i++) {
                params.get(i).getArray().set(snapshot.get(i).toFloatArray());
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Every array of the network, batch normalization's running statistics included: the best-
     * validation copy and a checkpoint must give back the statistics the weights were trained with.
     */
    static List<Parameter> parameters(MultiTaskNet net) {
        return net.allParameters();
    }

    /** One pass over the training samples in a fresh random order; {@code step} counts steps before it. */
    private EpochLog epoch(
            List<Member> members, NDManager manager, RandomGenerator random, int step) {
        List<String> names =
                data.manifest.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
        List<Integer> all = IntStream.range(0, names.size()).boxed().toList();
        EpochLog epochLog = new EpochLog(names);
        int[] order = permutation(random, data.train.size());
        int batch = settings.batchSize();
        long steps = (long) settings.epochs() * settings.stepsPerEpoch();
        for (int s = 0; s < settings.stepsPerEpoch(); s++) {
            boolean logStep = (step + s) % settings.logEvery() == 0;
            double factor = settings.lrSchedule().factor(step + s, steps);
            members.forEach(member -> member.step().schedule(factor));
            try (NDManager batchManager = manager.newSubManager()) {
                NDList samples =
                        data.train.batch(
                                batchManager,
                                Arrays.copyOfRange(order, s * batch, (s + 1) * batch),
                                all);
                for (Member member : members) {
                    epochLog.add(
                            step(member, batchManager, select(samples, member.net()), logStep),
                            member.net().tasks().get(0));
                }
            }
            progress.steps(members.size());
        }
        return epochLog;
    }

    /** One step with libtorch's (per-thread) gradient recording on, which DJL leaves off outside training. */
    private static StepRecord step(Member member, NDManager manager, NDList batch, boolean log) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            return member.step().run(manager, batch, log);
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    private List<Member> members(RunSpec spec, NDManager manager) {
        BenchmarkManifest m = data.manifest;
        int tasks = m.tasks().size();
        List<Member> members = new ArrayList<>();
        ParameterStore store = new ParameterStore(manager, false);
        if (spec.singleTask()) {
            for (int t = 0; t < tasks; t++) {
                MultiTaskNet net =
                        initialized(Heads.network(spec.backbone(), m, List.of(t)), manager);
                members.add(
                        new Member(
                                net,
                                null,
                                new TrainingStep(
                                        m,
                                        net,
                                        null,
                                        GradientLevel.PARAM,
                                        ModelOptimizer.of(
                                                spec.optimizer(),
                                                settings.lr(),
                                                settings.sgdMomentum()),
                                        store,
                                        FeatureGradients.FLAT,
                                        settings.lossScales(),
                                        settings.frozenEncoder())));
            }
            return members;
        }
        MtlMethod method = MtlMethods.create(spec.method(), spec.seed(), tasks);
        requireLevel(method, spec.level());
        MultiTaskNet net =
                initialized(
                        Heads.network(
                                spec.backbone(), m, IntStream.range(0, tasks).boxed().toList()),
                        manager);
        members.add(
                new Member(
                        net,
                        method,
                        new TrainingStep(
                                m,
                                net,
                                method,
                                spec.level(),
                                ModelOptimizer.of(
                                        spec.optimizer(), settings.lr(), settings.sgdMomentum()),
                                store,
                                settings.featureGradients(),
                                settings.lossScales(),
                                settings.frozenEncoder())));
        return members;
    }

    /** Whether {@code method} is defined at {@code level}; methods without gradients run at the parameter level. */
    static boolean supports(MtlMethod method, GradientLevel level) {
        if (!method.needsGradients()) {
            return level == GradientLevel.PARAM;
        }
        return level == GradientLevel.PARAM
                ? method.supportsParameterLevel()
                : method.supportsFeatureLevel();
    }

    private static void requireLevel(MtlMethod method, GradientLevel level) {
        if (!supports(method, level)) {
            throw new IllegalArgumentException(
                    method.id() + " is not defined at the " + level.id() + " level");
        }
    }

    private MultiTaskNet initialized(MultiTaskNet net, NDManager manager) {
        return initialized(net, manager, data, settings);
    }

    /**
     * The network initialized for batches of {@code data}'s inputs, with every shared and head
     * parameter trainable.
     */
    static MultiTaskNet initialized(
            MultiTaskNet net, NDManager manager, ReferenceData data, TrainingSettings settings) {
        BenchmarkManifest.InputSpec in = data.manifest.input();
        net.initialize(
                manager, new Shape(settings.batchSize(), in.channels(), in.height(), in.width()));
        List<Parameter> trained = new ArrayList<>(net.sharedParameters());
        for (int h = 0; h < net.heads().size(); h++) {
            trained.addAll(net.headParameters(h));
        }
        trained.forEach(p -> p.getArray().setRequiresGradient(true));
        return net;
    }

    private static NDList select(NDList batch, MultiTaskNet net) {
        NDList list = new NDList(batch.get(0));
        net.tasks().forEach(t -> list.add(batch.get(t + 1)));
        return list;
    }

    private static void endEpoch(List<Member> members, double[] meanLosses) {
        for (Member member : members) {
            if (member.method() != null) {
                member.method()
                        .endEpoch(
                                member.net().tasks().stream()
                                        .mapToDouble(t -> meanLosses[t])
                                        .toArray());
            }
        }
    }

    private Map<String, Double> score(List<Member> members, BenchmarkDataset split) {
        try (TrainedModel model = new TrainedModel(members.stream().map(Member::net).toList())) {
            return new SplitScorer(data.manifest)
                    .score(model.subject(), split, (done, total) -> {});
        } catch (ModelFault fault) {
            throw new IllegalStateException(
                    "a trained network broke the output contract: " + fault.getMessage(), fault);
        }
    }

    /** A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates). */
    static int[] permutation(RandomGenerator random, int n) {
        int[] p = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
