package io.mtlboard.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.training.ReferencePlanner.Planned;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mtlboard reference}: trains the reference runs of a benchmark with DJL (every requested
 * method × backbone × gradient level × optimizer × seed, plus single-task baselines as method
 * {@code stl}), evaluates each with the submissions' evaluator and writes one run bundle per run,
 * which the portal imports as REFERENCE runs. A progress bar with an ETA goes to standard error,
 * one line per finished run to standard output. The options are {@link ReferenceOptions}, the
 * plan {@link ReferencePlanner}; {@code --step-cost} and {@code --task-grouping} are modes of
 * their own ({@link ReferenceStepCost}, {@link ReferenceTaskGrouping}).
 */
@Command(
        name = "reference",
        mixinStandardHelpOptions = true,
        description = "Train and evaluate reference runs of MTL methods on a bundled benchmark.")
public final class ReferenceCommand implements Callable<Integer> {

    @Mixin ReferenceOptions options;

    @Override
    public Integer call() throws Exception {
        System.setProperty("offline", "true");
        ReferenceOptions o = options;
        if (o.taskGrouping) {
            return ReferenceTaskGrouping.run(o);
        }
        ReferenceProtocol protocol =
                o.protocolId == null
                        ? null
                        : ReferenceProtocol.read(o.benchmarksDir, o.benchmark, o.protocolId);
        if (protocol == null && (o.lrSweep || o.force)) {
            throw new IllegalArgumentException("--lr-sweep and --force need --protocol");
        }
        if (o.stepCost) {
            return ReferenceStepCost.run(o, protocol);
        }
        List<Planned> runs = new ReferencePlanner(o, protocol).planned();
        int tasks = o.tasks();
        long total = runs.stream().mapToLong(r -> r.steps(tasks)).sum();
        long skipped = runs.stream().filter(Planned::skip).count();
        long reused = runs.stream().filter(r -> r.reuse() != null).count();
        System.out.printf(
                Locale.ROOT,
                "%d runs on %s (%d already done under %s), %d worker(s) with %s libtorch "
                        + "thread(s) each%n",
                runs.size(),
                o.benchmark,
                skipped,
                protocol == null
                        ? "any settings"
                        : "protocol " + protocol.id() + " " + protocol.hash().substring(0, 12),
                o.workers,
                o.threads != null ? o.threads : "default");
        if (o.dryRun) {
            runs.forEach(run -> printPlanned(run, protocol));
            return 0;
        }
        if (Files.exists(o.pauseFile())) {
            System.out.println(
                    "a pause is requested ("
                            + o.pauseFile()
                            + " exists): no run starts; remove the file to train");
            return RunCheckpoint.PAUSED_STATUS;
        }
        SweepProgress bar = new SweepProgress(System.err, total, runs.size());
        // with every run done or reused there is nothing to train: neither libtorch nor data
        ReferenceData data =
                runs.stream().allMatch(r -> r.skip() || r.reuse() != null)
                        ? null
                        : trainingData(protocol, runs);
        ExecutorService pool = Executors.newFixedThreadPool(o.workers);
        List<Future<?>> futures = new ArrayList<>();
        for (Planned run : runs) {
            futures.add(
                    pool.submit(
                            () -> {
                                runOne(run, data, protocol, bar, tasks);
                                return null;
                            }));
        }
        pool.shutdown();
        int failed = 0;
        int paused = 0;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RunCheckpoint.Paused) {
                    paused++;
                    continue;
                }
                failed++;
                System.err.println();
                e.getCause().printStackTrace();
            }
        }
        bar.finish();
        System.out.printf(
                Locale.ROOT,
                "%d runs (%d skipped, %d reused from the lr sweep, %d failed%s) in %s%n",
                runs.size(),
                skipped,
                reused,
                failed,
                paused == 0 ? "" : ", " + paused + " paused or not started",
                SweepProgress.clock(bar.seconds()));
        return failed > 0 ? 1 : paused > 0 ? RunCheckpoint.PAUSED_STATUS : 0;
    }

    /** {@code --dry-run}: one line per planned run with its rate and what would happen to it. */
    private static void printPlanned(Planned run, ReferenceProtocol protocol) {
        String fate =
                run.skip()
                        ? "done"
                        : run.reuse() != null
                                ? "reuses " + LrSweep.DIR + "/" + run.reuse().getFileName()
                                : protocol == null
                                        ? "to train"
                                        : run.checkpoint(protocol)
                                                .epoch()
                                                .map(e -> "to train, resumes after epoch " + e)
                                                .orElse("to train");
        System.out.printf(
                Locale.ROOT,
                "%-62s lr %-8s %s%n",
                run.file().getFileName(),
                run.settings().lr(),
                fate);
    }

    /** Loads libtorch with the thread setting, then the benchmark's data for {@code runs}. */
    private ReferenceData trainingData(ReferenceProtocol protocol, List<Planned> runs)
            throws IOException {
        ReferenceOptions.loadLibtorch(
                options.threads != null
                        ? options.threads
                        : Math.max(
                                1, Runtime.getRuntime().availableProcessors() / options.workers));
        return ReferenceData.load(
                options.benchmark,
                runs.isEmpty() ? options.baseSettings(protocol, 1e-3) : runs.get(0).settings(),
                options.dataLocations());
    }

    private void runOne(
            Planned run,
            ReferenceData data,
            ReferenceProtocol protocol,
            SweepProgress bar,
            int tasks)
            throws IOException {
        if (run.skip()) {
            bar.skip(run.steps(tasks));
            return;
        }
        String name = run.name();
        if (run.reuse() != null) {
            reuse(run);
            bar.reused(
                    run.steps(tasks),
                    String.format(
                            Locale.ROOT,
                            "%-50s lr %-7s reused: the lr sweep's run %s",
                            name,
                            run.settings().lr(),
                            run.reuse().getFileName()));
            return;
        }
        if (Files.exists(options.pauseFile())) {
            throw RunCheckpoint.Paused.beforeStart(options.pauseFile());
        }
        bar.startRun(run.spec());
        RunCheckpoint checkpoint =
                protocol == null
                        ? null
                        : run.checkpoint(protocol).withPauseFile(options.pauseFile());
        RunBundle bundle;
        try {
            bundle =
                    new ReferenceRunner(
                                    data,
                                    run.settings(),
                                    protocol == null ? null : protocol.summary())
                            .withDiagnostics(options.diagnostics)
                            .withCheckpoint(checkpoint)
                            .run(run.spec(), bar, (done, all) -> {});
        } catch (RunCheckpoint.Paused paused) {
            bar.finishRun(name + " " + paused.getMessage());
            throw paused;
        }
        bundle.writeTo(run.file());
        if (checkpoint != null) {
            checkpoint.delete();
        }
        List<String> values = new ArrayList<>();
        bundle.claims().forEach((k, v) -> values.add(String.format(Locale.ROOT, "%s=%.4f", k, v)));
        Object converged =
                bundle.convergence() == null ? null : bundle.convergence().get("converged");
        bar.finishRun(
                String.format(
                        Locale.ROOT,
                        "%-50s lr %-7s train %6.1f s  %s  converged=%s",
                        name,
                        run.settings().lr(),
                        bundle.trainingSeconds(),
                        String.join(" ", values),
                        converged));
    }

    /** Writes {@code run}'s reused lr-sweep bundle as its own, noting where it comes from. */
    private static void reuse(Planned run) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode bundle = (ObjectNode) json.readTree(run.reuse().toFile());
        ((ObjectNode) bundle.path("training"))
                .put("reusedFrom", LrSweep.DIR + "/" + run.reuse().getFileName());
        JsonFiles.writeAtomically(json, run.file(), bundle);
    }
}
