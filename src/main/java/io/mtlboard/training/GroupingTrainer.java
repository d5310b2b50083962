package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.evaluation.TaskLoss;
import io.mtlboard.training.method.CountingRandom;
import io.mtlboard.training.method.MtlMethods;
import io.mtlboard.training.net.Heads;
import io.mtlboard.training.net.MultiTaskNet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Trains one network of the task-grouping experiment ({@link GroupingNetwork}) with equal
 * weights over its tasks' losses and the run's schedule, and measures each of its tasks' loss
 * ({@link TaskLoss}) on the validation samples after 20 % of the training steps (Standley et
 * al.'s early-stopping approximation) and at the end, and on the test split. A split's loss is the
 * mean over batches of {@link #EVAL_BATCH} samples of the batch loss, the encoder's batch
 * normalization in inference mode. The batch order, initialization and learning-rate schedule
 * follow the seed and settings as in {@link Trainer}; no gradient indicators are logged.
 */
final class GroupingTrainer {

    /** Samples per batch when a split's loss is measured. */
    static final int EVAL_BATCH = 40;

    /** The fraction of the training steps after which the early validation losses are taken. */
    static final double EARLY_FRACTION = 0.2;

    /** The measured losses (task name → loss) and the epoch log of one network. */
    record Result(
            Map<String, Double> validationEarly,
            int earlyStep,
            Map<String, Double> validation,
            Map<String, Double> test,
            List<Map<String, Object>> log,
            double seconds,
            long parameters) {}

    private final ReferenceData data;
    private final TrainingSettings settings;
    private final TrainingSet validation;
    private final TrainingSet test;
    private final Trainer.Progress progress;

    GroupingTrainer(
            ReferenceData data,
            TrainingSettings settings,
            TrainingSet validation,
            TrainingSet test,
            Trainer.Progress progress) {
        this.data = data;
        this.settings = settings;
        this.validation = validation;
        this.test = test;
        this.progress = progress;
    }

    /** The whole validation and test splits in memory, read once for every network. */
    static TrainingSet[] evaluationSets(ReferenceData data) {
        return new TrainingSet[] {
            TrainingSet.load(data.manifest, data.validation, 0, data.validation.size()),
            TrainingSet.load(data.manifest, data.test, 0, data.test.size())
        };
    }

    Result train(GroupingNetwork network, String backbone, long seed, NDManager manager) {
        return train(network, backbone, seed, manager, null);
    }

    /**
     * As above, resuming from {@code checkpoint} when it holds a whole checkpoint of this network
     * and writing one after every epoch but the last (null: none), as {@link Trainer} does.
     */
    Result train(
            GroupingNetwork network,
            String backbone,
            long seed,
            NDManager manager,
            RunCheckpoint checkpoint) {
        BenchmarkManifest m = data.manifest;
        MultiTaskNet net;
        synchronized (Trainer.class) {
            Engine.getEngine("PyTorch").setRandomSeed((int) seed);
            net =
                    initialized(
                            Heads.network(backbone, network.width(), m, network.tasks()), manager);
        }
        TrainingStep step =
                new TrainingStep(
                        m,
                        net,
                        network.tasks().size() == 1
                                ? null
                                : MtlMethods.create("ew", seed, network.tasks().size()),
                        GradientLevel.PARAM,
                        ModelOptimizer.of("adam", settings.lr()),
                        new ParameterStore(manager, false));
        int total = settings.epochs() * settings.stepsPerEpoch();
        int earlyStep = (int) Math.round(EARLY_FRACTION * total);
        CountingRandom random = new CountingRandom(seed);
        List<Integer> all = IntStream.range(0, m.tasks().size()).boxed().toList();
        List<Map<String, Object>> log = new ArrayList<>();
        Map<String, Double> early = null;
        int done = 0;
        int first = 1;
        double before = 0;
        if (checkpoint != null) {
            Optional<RunCheckpoint.Loaded> loaded = checkpoint.resume(manager);
            if (loaded.isPresent()) {
                JsonNode state = loaded.get().state();
                restore(loaded.get(), net, step, random, log, manager);
                first = state.path("epoch").asInt() + 1;
                done = state.path("done").asInt();
                before = state.path("seconds").asDouble();
                early =
                        state.path("early").isObject()
                                ? JSON.convertValue(
                                        state.get("early"),
                                        new TypeReference<Map<String, Double>>() {})
                                : null;
                progress.resumed(done);
            }
        }
        long start = System.nanoTime();
        int batch = settings.batchSize();
        for (int epoch = first; epoch <= settings.epochs(); epoch++) {
            int[] order = Trainer.permutation(random, data.train.size());
            double[] sums = new double[network.tasks().size()];
            for (int s = 0; s < settings.stepsPerEpoch(); s++) {
                step.schedule(settings.lrSchedule().factor(done, total));
                try (NDManager batchManager = manager.newSubManager()) {
                    NDList samples =
                            data.train.batch(
                                    batchManager,
                                    Arrays.copyOfRange(order, s * batch, (s + 1) * batch),
                                    all);
                    NDList selected = new NDList(samples.get(0));
                    network.tasks().forEach(t -> selected.add(samples.get(t + 1)));
                    double[] losses = step(step, batchManager, selected).losses();
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] += losses[i];
                    }
                }
                done++;
                progress.steps(1);
                if (done == earlyStep) {
                    early = losses(net, validation, manager);
                }
            }
            Map<String, Double> trainLosses = new LinkedHashMap<>();
            for (int i = 0; i < sums.length; i++) {
                trainLosses.put(
                        taskName(network.tasks().get(i)), sums[i] / settings.stepsPerEpoch());
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("epoch", epoch);
            entry.put("trainLoss", trainLosses);
            entry.put("validationLoss", losses(net, validation, manager));
            log.add(entry);
            if (checkpoint != null && epoch < settings.epochs()) {
                boolean written =
                        save(
                                checkpoint,
                                epoch,
                                net,
                                step,
                                random,
                                log,
                                early,
                                done,
                                before + (System.nanoTime() - start) / 1e9);
                if (written && checkpoint.pauseRequested()) {
                    throw new RunCheckpoint.Paused(epoch, checkpoint.dir());
                }
            }
        }
        double seconds = before + (System.nanoTime() - start) / 1e9;
        @SuppressWarnings("unchecked")
        Map<String, Double> last =
                (Map<String, Double>) log.get(log.size() - 1).get("validationLoss");
        return new Result(
                early,
                earlyStep,
                last,
                losses(net, test, manager),
                log,
                seconds,
                net.parameterCount());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the network's state after {@code epoch} (see {@link RunCheckpoint}); whether it was written. */
    private static boolean save(
            RunCheckpoint checkpoint,
            int epoch,
            MultiTaskNet net,
            TrainingStep step,
            CountingRandom random,
            List<Map<String, Object>> log,
            Map<String, Double> early,
            int done,
            double seconds) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        List<Parameter> params = Trainer.parameters(net);
        for (int j = 0; j < params.size(); j++) {
            arrays.put("param/" + j, params.get(j).getArray());
        }
        ObjectNode state = JSON.createObjectNode();
        state.put("seconds", seconds);
        state.put("done", done);
        state.put("randomDraws", random.draws());
        state.set("early", JSON.valueToTree(early));
        state.set("log", JSON.valueToTree(log));
        state.set("step", step.save("step/", arrays));
        return checkpoint.keep(epoch, state, arrays);
    }

    private static void restore(
            RunCheckpoint.Loaded loaded,
            MultiTaskNet net,
            TrainingStep step,
            CountingRandom random,
            List<Map<String, Object>> log,
            NDManager manager) {
        JsonNode state = loaded.state();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            RunCheckpoint.setArrays(Trainer.parameters(net), loaded.arrays(), "param/");
            step.restore(state.get("step"), "step/", loaded.arrays(), manager);
        } finally {
            JniUtils.setGradMode(grad);
        }
        random.restore(state.path("randomDraws").asLong());
        log.addAll(
                JSON.convertValue(
                        state.get("log"), new TypeReference<List<Map<String, Object>>>() {}));
    }

    private String taskName(int t) {
        return data.manifest.tasks().get(t).name();
    }

    private static StepRecord step(TrainingStep step, NDManager manager, NDList batch) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            return step.run(manager, batch, false);
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /** Each of the network's tasks' loss on {@code split}: the mean of its batch losses. */
    private Map<String, Double> losses(MultiTaskNet net, TrainingSet split, NDManager manager) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        ParameterStore store = new ParameterStore(manager, false);
        double[] sums = new double[net.tasks().size()];
        int batches = 0;
        try {
            for (int from = 0; from < split.size(); from += EVAL_BATCH) {
                int[] indices =
                        IntStream.range(from, Math.min(split.size(), from + EVAL_BATCH)).toArray();
                try (NDManager batchManager = manager.newSubManager()) {
                    NDList samples = split.batch(batchManager, indices, net.tasks());
                    NDArray z =
                            net.encoder()
                                    .forward(store, new NDList(samples.get(0)), false)
                                    .singletonOrThrow();
                    for (int h = 0; h < sums.length; h++) {
                        NDArray out =
                                net.heads()
                                        .get(h)
                                        .forward(store, new NDList(z), false)
                                        .singletonOrThrow();
                        sums[h] +=
                                TaskLoss.of(
                                                data.manifest.tasks().get(net.tasks().get(h)),
                                                out,
                                                samples.get(h + 1))
                                        .getFloat();
                    }
                }
                batches++;
            }
        } finally {
            JniUtils.setGradMode(recording);
        }
        Map<String, Double> result = new LinkedHashMap<>();
        for (int h = 0; h < sums.length; h++) {
            result.put(taskName(net.tasks().get(h)), sums[h] / batches);
        }
        return result;
    }

    private MultiTaskNet initialized(MultiTaskNet net, NDManager manager) {
        return Trainer.initialized(net, manager, data, settings);
    }
}
