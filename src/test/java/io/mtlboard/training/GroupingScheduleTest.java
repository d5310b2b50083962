package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task-grouping experiment under a reference protocol, and under the legacy schedule. */
class GroupingScheduleTest {

    /** fs-encoder-decoder-v2 with a sweep that chose 1e-3 for EW and 3e-3 for single-task. */
    static GroupingSchedule v2() {
        try {
            ReferenceProtocol p =
                    ReferenceProtocol.read(
                            Path.of("benchmarks-data"), "fashionscenes", "fs-encoder-decoder-v2");
            return GroupingSchedule.of(
                    p,
                    new LrSweep.Choice(
                            Map.of("adam", Map.of("ew", 1e-3, "stl", 3e-3, "db-mtl", 3e-4)),
                            Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldTrainSubsetsAtTheEwRateAndSingleTaskNetworksAtTheSingleTaskRate() {
        GroupingSchedule s = v2();
        GroupingNetwork all =
                GroupingNetwork.plan(3).stream()
                        .filter(n -> n.tasks().size() == 3)
                        .findFirst()
                        .orElseThrow();
        GroupingNetwork half =
                GroupingNetwork.plan(3).stream()
                        .filter(GroupingNetwork::half)
                        .findFirst()
                        .orElseThrow();
        GroupingNetwork single =
                GroupingNetwork.plan(3).stream()
                        .filter(n -> !n.half() && n.tasks().size() == 1)
                        .findFirst()
                        .orElseThrow();
        assertThat(s.settings(all).lr()).isEqualTo(1e-3);
        assertThat(s.settings(half).lr()).isEqualTo(3e-3);
        assertThat(s.settings(single).lr()).isEqualTo(3e-3);
        assertThat(s.settings(all).lrSchedule()).isEqualTo(LrSchedule.COSINE);
        assertThat(s.steps()).isEqualTo(10_000);
        assertThat(s.earlyStep()).isEqualTo(2_000);
        assertThat(s.bundleDir(Path.of("out"), "fashionscenes"))
                .isEqualTo(Path.of("out/fashionscenes/task-grouping/fs-encoder-decoder-v2"));
        assertThat(s.datasetId("fashionscenes"))
                .isEqualTo("fashionscenes-measured-fs-encoder-decoder-v2");
    }

    @Test
    void shouldKeepTheLegacyScheduleWhereItsBundlesAre() {
        GroupingSchedule s = GroupingSchedule.legacy();
        assertThat(s.legacySchedule()).isTrue();
        // 1,280 / 16 = 80 steps per epoch, 6 epochs; 20 % of 480
        assertThat(s.steps()).isEqualTo(480);
        assertThat(s.earlyStep()).isEqualTo(96);
        assertThat(s.multiTask().lrSchedule()).isEqualTo(LrSchedule.CONSTANT);
        assertThat(s.bundleDir(Path.of("out"), "fashionscenes"))
                .isEqualTo(Path.of("out/fashionscenes/task-grouping"));
        assertThat(s.datasetId("fashionscenes")).isEqualTo("fashionscenes-measured");
    }

    /** A bundle counts as done only under the schedule it was trained with. */
    @Test
    void shouldRetrainABundleOfAnotherProtocolVersion(@TempDir Path out) throws IOException {
        BenchmarkManifest m =
                BenchmarkManifestReader.read(
                        Path.of("benchmarks-data/fashionscenes/benchmark.json"));
        GroupingSchedule s = v2();
        GroupingNetwork n = GroupingNetwork.plan(3).get(0);
        assertThat(TaskGroupingExperiment.done(out, m, n, 0, s)).isFalse();
        Path file = TaskGroupingExperiment.file(out, m, n, 0, s);
        Files.createDirectories(file.getParent());
        ObjectMapper json = new ObjectMapper();
        json.writeValue(file.toFile(), Map.of("settings", Map.of("protocolHash", "0123")));
        assertThat(TaskGroupingExperiment.done(out, m, n, 0, s)).isFalse();
        json.writeValue(file.toFile(), Map.of("settings", Map.of("protocolHash", s.hash())));
        assertThat(TaskGroupingExperiment.done(out, m, n, 0, s)).isTrue();
        // the legacy schedule's bundles sit one folder up and are not this schedule's
        assertThat(TaskGroupingExperiment.file(out, m, n, 0, GroupingSchedule.legacy()))
                .isEqualTo(file.getParent().getParent().resolve(file.getFileName()));
    }
}
