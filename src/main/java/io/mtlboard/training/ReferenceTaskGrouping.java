package io.mtlboard.training;

import io.mtlboard.benchmark.BenchmarkManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code mtlboard reference --task-grouping}: Standley et al.'s experiment on a dense benchmark —
 * every task subset as a full-size network and every task as a half-size single-task network —
 * under a protocol's schedule (or the legacy one), then the task-grouping data set written from
 * its bundles ({@code --write-dataset} writes only the data set).
 */
final class ReferenceTaskGrouping {

    private ReferenceTaskGrouping() {}

    static int run(ReferenceOptions o) throws IOException {
        if (o.lrSweep || o.lossScales != null || o.freezeEncoder || !o.denseBenchmark()) {
            throw new IllegalArgumentException(
                    "--task-grouping is an experiment of its own on a dense benchmark: use it "
                            + "without --lr-sweep, --loss-scales and --freeze-encoder");
        }
        GroupingSchedule schedule = schedule(o);
        long seed = o.seeds.get(0);
        if (o.writeDataset) {
            return writeDataset(o, schedule);
        }
        if (o.dryRun) {
            return TaskGroupingExperiment.run(
                    null, o.manifest(), o.out, seed, true, System.out, schedule);
        }
        ReferenceOptions.loadLibtorch(
                o.threads != null ? o.threads : Runtime.getRuntime().availableProcessors());
        ReferenceData data =
                ReferenceData.load(o.benchmark, schedule.multiTask(), o.dataLocations());
        int failed;
        try {
            failed =
                    TaskGroupingExperiment.run(
                            data, data.manifest, o.out, seed, false, System.out, schedule);
        } catch (RunCheckpoint.Paused paused) {
            System.out.println("task grouping " + paused.getMessage());
            return RunCheckpoint.PAUSED_STATUS;
        }
        return failed == 0 ? writeDataset(o, schedule) : 1;
    }

    /** The schedule of --protocol with the rates of its lr sweep, or the legacy one without it. */
    private static GroupingSchedule schedule(ReferenceOptions o) throws IOException {
        if (o.protocolId == null) {
            return GroupingSchedule.legacy();
        }
        ReferenceProtocol protocol =
                ReferenceProtocol.read(o.benchmarksDir, o.benchmark, o.protocolId);
        return GroupingSchedule.of(
                protocol,
                LrSweep.choose(
                        o.out.resolve(o.benchmark).resolve(LrSweep.DIR), protocol, o.manifest()));
    }

    private static int writeDataset(ReferenceOptions o, GroupingSchedule schedule)
            throws IOException {
        BenchmarkManifest m = o.manifest();
        Path target =
                o.benchmarksDir.resolve("task-grouping").resolve(schedule.datasetId(o.benchmark));
        List<TaskGroupingDataset.Row> rows =
                TaskGroupingDataset.write(
                        schedule.bundleDir(o.out, o.benchmark),
                        target,
                        o.benchmark,
                        TaskGroupingExperiment.taskNames(m),
                        schedule);
        System.out.printf(Locale.ROOT, "%d networks written to %s%n", rows.size(), target);
        return 0;
    }
}
