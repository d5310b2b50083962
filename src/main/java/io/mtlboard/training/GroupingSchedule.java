package io.mtlboard.training;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The schedule the task-grouping networks ({@link GroupingNetwork}) are trained under: a reference
 * protocol's settings with the rates its lr sweep chose — task subsets take EW's rate, single-task
 * networks (full- and half-size) the single-task rate, as the protocol's runs do — or the legacy
 * schedule {@value #LEGACY}. The networks always keep their last epoch: the experiment compares
 * the losses at the end of training and after 20 % of it (Standley et al.).
 *
 * @param protocol the protocol's id, or {@value #LEGACY}
 * @param hash the protocol's hash, or null for the legacy schedule
 * @param multiTask the settings of networks of two or more tasks
 * @param singleTask the settings of single-task networks
 */
record GroupingSchedule(
        String protocol, String hash, TrainingSettings multiTask, TrainingSettings singleTask) {

    /** The legacy reference schedule. */
    static final String LEGACY = "fs-encoder-decoder-v1";

    /** {@value #LEGACY}: 6 epochs on 1,280 scenes, 200 held out, batch 16, Adam 1e-3, constant. */
    static GroupingSchedule legacy() {
        TrainingSettings s = new TrainingSettings(6, 16, 1e-3, "train", 1280, 200, 10);
        return new GroupingSchedule(LEGACY, null, s, s);
    }

    /** The settings of {@code protocol} with the Adam rates of its lr sweep ({@code choice}). */
    static GroupingSchedule of(ReferenceProtocol protocol, LrSweep.Choice choice) {
        return new GroupingSchedule(
                protocol.id(),
                protocol.hash(),
                protocol.settings(choice.rate(TaskGroupingExperiment.OPTIMIZER, "ew")),
                protocol.settings(
                        choice.rate(TaskGroupingExperiment.OPTIMIZER, RunSpec.SINGLE_TASK)));
    }

    boolean legacySchedule() {
        return hash == null;
    }

    /** The settings {@code network} is trained with. */
    TrainingSettings settings(GroupingNetwork network) {
        return network.tasks().size() == 1 ? singleTask : multiTask;
    }

    /** Training steps of every network. */
    int steps() {
        return multiTask.epochs() * multiTask.stepsPerEpoch();
    }

    /** The step after which the early validation losses are taken. */
    int earlyStep() {
        return (int) Math.round(GroupingTrainer.EARLY_FRACTION * steps());
    }

    /** Where the bundles go: {@code <out>/<benchmark>/task-grouping/}, and a folder per protocol. */
    Path bundleDir(Path out, String benchmark) {
        Path dir = out.resolve(benchmark).resolve(GroupingNetwork.DIR);
        return legacySchedule() ? dir : dir.resolve(protocol);
    }

    /** The id (and folder name) of the data set the task-grouping page offers. */
    String datasetId(String benchmark) {
        return legacySchedule() ? benchmark + "-measured" : benchmark + "-measured-" + protocol;
    }

    /** The schedule in words, for the data set's protocol line. */
    String describe() {
        if (legacySchedule()) {
            return "schedule "
                    + LEGACY
                    + ": 1,280 training scenes, 6 epochs, batch 16, Adam 1e-3, last epoch";
        }
        return String.format(
                Locale.ROOT,
                "protocol %s: %,d training scenes, %d epochs, batch %d, Adam at the rates its lr"
                        + " sweep chose (%s for task subsets, the EW rate; %s for single-task"
                        + " networks)%s, last epoch",
                protocol,
                multiTask.trainSamples(),
                multiTask.epochs(),
                multiTask.batchSize(),
                rate(multiTask.lr()),
                rate(singleTask.lr()),
                multiTask.lrSchedule() == LrSchedule.COSINE
                        ? ", annealed to zero along a cosine over the run"
                        : ", constant");
    }

    private static String rate(double lr) {
        return new java.math.BigDecimal(Double.toString(lr)).stripTrailingZeros().toPlainString();
    }
}
