package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.support.CodeVersion;
import io.mtlboard.training.net.Backbones;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mtlboard reference --task-grouping}: Standley et al.'s task-grouping experiment on a
 * dense benchmark. Trains every non-empty subset of the tasks as a full-size encoder–decoder (equal
 * weights, one head per task of the subset) and every task as a half-size single-task network,
 * one seed, under a {@link GroupingSchedule} (a reference protocol, or the legacy schedule), and
 * writes one bundle per network to {@code <out>/<benchmark>/task-grouping/} (a subfolder per
 * protocol), folders the reference importer does not read as leaderboard runs. Networks whose
 * bundle exists under the same schedule are skipped (resume).
 */
final class TaskGroupingExperiment {

    /** Identifies the bundle format. */
    static final String FORMAT = "mtlboard-task-grouping-run/1";

    static final String BACKBONE = "encoder-decoder";
    static final String OPTIMIZER = "adam";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TaskGroupingExperiment() {}

    /** The bundle file of {@code network}. */
    static Path file(
            Path out,
            BenchmarkManifest manifest,
            GroupingNetwork network,
            long seed,
            GroupingSchedule schedule) {
        return schedule.bundleDir(out, manifest.id())
                .resolve(network.name(BACKBONE, taskNames(manifest), OPTIMIZER, seed) + ".json");
    }

    /** Whether {@code network}'s bundle exists, trained under {@code schedule}. */
    static boolean done(
            Path out,
            BenchmarkManifest manifest,
            GroupingNetwork network,
            long seed,
            GroupingSchedule schedule)
            throws IOException {
        Path file = file(out, manifest, network, seed, schedule);
        if (!Files.exists(file)) {
            return false;
        }
        return schedule.legacySchedule()
                || schedule.hash()
                        .equals(
                                JSON.readTree(file.toFile())
                                        .path("settings")
                                        .path("protocolHash")
                                        .asText());
    }

    static List<String> taskNames(BenchmarkManifest manifest) {
        return manifest.tasks().stream().map(BenchmarkManifest.TaskSpec::name).toList();
    }

    /**
     * Trains the networks whose bundle is missing, one after the other; returns how many failed.
     * While {@code <out>/.pause} exists ({@link RunCheckpoint#PAUSE_FILE}) the network in training
     * stops after its next checkpoint and no other starts: {@link RunCheckpoint.Paused} is thrown.
     */
    static int run(
            ReferenceData data,
            BenchmarkManifest manifest,
            Path out,
            long seed,
            boolean dryRun,
            PrintStream log,
            GroupingSchedule schedule)
            throws IOException {
        List<GroupingNetwork> plan = GroupingNetwork.plan(manifest.tasks().size());
        long total = schedule.steps();
        List<GroupingNetwork> missing = new java.util.ArrayList<>();
        for (GroupingNetwork n : plan) {
            if (!done(out, manifest, n, seed, schedule)) {
                missing.add(n);
            }
        }
        log.printf(
                Locale.ROOT,
                "task grouping on %s: %d networks (%d done) under %s%n",
                manifest.id(),
                plan.size(),
                plan.size() - missing.size(),
                schedule.describe());
        if (dryRun) {
            for (GroupingNetwork n : plan) {
                log.printf(
                        Locale.ROOT,
                        "%-62s lr %-8s %s%n",
                        file(out, manifest, n, seed, schedule).getFileName(),
                        schedule.settings(n).lr(),
                        missing.contains(n) ? "to train" : "done");
            }
            return 0;
        }
        TrainingSet[] eval = GroupingTrainer.evaluationSets(data);
        SweepProgress bar = new SweepProgress(System.err, total * missing.size(), missing.size());
        int failed = 0;
        Path pause = out.resolve(RunCheckpoint.PAUSE_FILE);
        for (GroupingNetwork network : missing) {
            Path file = file(out, manifest, network, seed, schedule);
            if (Files.exists(pause)) {
                bar.finish();
                throw RunCheckpoint.Paused.beforeStart(pause);
            }
            OffsetDateTime started = OffsetDateTime.now();
            TrainingSettings settings = schedule.settings(network);
            RunCheckpoint checkpoint = checkpoint(file, schedule, settings);
            if (checkpoint != null) {
                checkpoint = checkpoint.withPauseFile(pause);
            }
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
                GroupingTrainer.Result result =
                        new GroupingTrainer(data, settings, eval[0], eval[1], bar)
                                .train(network, BACKBONE, seed, manager, checkpoint);
                write(file, bundle(manifest, network, seed, schedule, settings, result, started));
                if (checkpoint != null) {
                    checkpoint.delete();
                }
                bar.finishRun(
                        String.format(
                                Locale.ROOT,
                                "%-50s train %6.1f s  test %s",
                                file.getFileName().toString().replace(".json", ""),
                                result.seconds(),
                                result.test()));
            } catch (RunCheckpoint.Paused paused) {
                bar.finish();
                log.printf(
                        Locale.ROOT,
                        "%s %s%n",
                        file.getFileName().toString().replace(".json", ""),
                        paused.getMessage());
                throw paused;
            } catch (RuntimeException e) {
                failed++;
                e.printStackTrace();
            }
        }
        bar.finish();
        return failed;
    }

    /**
     * The checkpoint of a network trained under a protocol ({@code .checkpoints/<bundle name>/}
     * beside its bundle, for this protocol hash and rate); none under the short legacy schedule.
     */
    static RunCheckpoint checkpoint(
            Path file, GroupingSchedule schedule, TrainingSettings settings) {
        if (schedule.legacySchedule()) {
            return null;
        }
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new RunCheckpoint(
                file.getParent().resolve(RunCheckpoint.DIR).resolve(name),
                name + " " + schedule.hash() + " lr " + settings.lr());
    }

    static Map<String, Object> bundle(
            BenchmarkManifest manifest,
            GroupingNetwork network,
            long seed,
            GroupingSchedule schedule,
            TrainingSettings settings,
            GroupingTrainer.Result result,
            OffsetDateTime started) {
        int size = manifest.input().height();
        int channels = manifest.input().channels();
        int[] widths = Backbones.encoderDecoderWidths(network.width());
        long macs = Backbones.encoderDecoderMultiplyAdds(widths, channels, size);
        long fullMacs =
                Backbones.encoderDecoderMultiplyAdds(
                        Backbones.encoderDecoderWidths(1), channels, size);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("format", FORMAT);
        b.put("benchmark", manifest.id());
        b.put("backbone", BACKBONE);
        b.put("tasks", network.tasks().stream().map(t -> manifest.tasks().get(t).name()).toList());
        b.put("size", network.half() ? "half" : "full");
        b.put("cost", network.cost());
        b.put("encoderWidths", widths);
        b.put("encoderMultiplyAdds", macs);
        b.put("multiplyAddRatio", (double) macs / fullMacs);
        b.put("parameters", result.parameters());
        b.put("method", network.tasks().size() == 1 ? "single task" : "ew");
        b.put("optimizer", OPTIMIZER);
        b.put("seed", seed);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("protocol", schedule.protocol());
        if (!schedule.legacySchedule()) {
            s.put("protocolHash", schedule.hash());
        }
        s.put("epochs", settings.epochs());
        s.put("batchSize", settings.batchSize());
        s.put("lr", settings.lr());
        if (!schedule.legacySchedule()) {
            s.put("lrSchedule", settings.lrSchedule().id());
        }
        s.put("trainSamples", settings.trainSamples());
        s.put("validationSamples", settings.validationSamples());
        s.put("checkpoint", "last");
        s.put("steps", settings.epochs() * settings.stepsPerEpoch());
        s.put("earlyStep", result.earlyStep());
        b.put("settings", s);
        b.put(
                "loss",
                "TaskLoss: cross-entropy over labelled pixels (segmentation), L1 over pixels with depth > 0 (depth), "
                        + "1 − cosine over pixels with a non-zero normal (normals); a split's loss is the mean over "
                        + "batches of "
                        + GroupingTrainer.EVAL_BATCH
                        + " samples, batch norm in inference mode");
        b.put("validationLossEarly", result.validationEarly());
        b.put("validationLoss", result.validation());
        b.put("testLoss", result.test());
        b.put("trainingLog", result.log());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("seconds", result.seconds());
        training.put("threads", JniUtils.getNumThreads());
        training.put("startedAt", started.toString());
        training.put("finishedAt", OffsetDateTime.now().toString());
        CodeVersion.current().ifPresent(c -> training.put("code", c.toMap()));
        b.put("training", training);
        return b;
    }

    private static void write(Path target, Map<String, Object> bundle) throws IOException {
        JsonFiles.writeAtomically(JSON, target, bundle);
    }
}
