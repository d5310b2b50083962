package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskGroupingDatasetTest {

    static final List<String> TASKS = List.of("segmentation", "depth", "normal");

    static Map<String, Object> bundle(double cost, Map<String, Double> val, double scale) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("cost", cost);
        b.put("multiplyAddRatio", cost == 1 ? 1.0 : 0.5065);
        b.put("validationLoss", val);
        Map<String, Double> early = new LinkedHashMap<>();
        Map<String, Double> test = new LinkedHashMap<>();
        val.forEach((k, v) -> early.put(k, v * 2));
        val.forEach((k, v) -> test.put(k, v * scale));
        b.put("validationLossEarly", early);
        b.put("testLoss", test);
        b.put("training", Map.of("seconds", 100.0));
        return b;
    }

    @Test
    void shouldWriteTheThreeTablesHalfSizeFirstAndSubsetsBySize(@TempDir Path dir)
            throws Exception {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        ObjectMapper json = new ObjectMapper();
        json.writeValue(
                bundles.resolve("a.json").toFile(),
                bundle(1, Map.of("segmentation", 0.5, "depth", 0.25, "normal", 0.125), 1.5));
        json.writeValue(bundles.resolve("b.json").toFile(), bundle(0.5, Map.of("depth", 0.3), 1.5));
        json.writeValue(
                bundles.resolve("c.json").toFile(),
                bundle(1, Map.of("depth", 0.2, "normal", 0.1), 1.5));
        json.writeValue(bundles.resolve("d.json").toFile(), bundle(1, Map.of("normal", 0.11), 1.5));
        List<TaskGroupingDataset.Row> rows = TaskGroupingDataset.read(bundles, TASKS);
        assertThat(
                        TaskGroupingDataset.csv(
                                rows, TASKS, TaskGroupingDataset.Table.VALIDATION, List.of("v")))
                .isEqualTo(
                        """
                        # v
                        cost,segmentation,depth,normal
                        0.5,,0.30000,
                        1,,,0.11000
                        1,,0.20000,0.10000
                        1,0.50000,0.25000,0.12500
                        """);
        assertThat(TaskGroupingDataset.csv(rows, TASKS, TaskGroupingDataset.Table.EARLY, List.of()))
                .contains("0.5,,0.60000,\n");
        assertThat(TaskGroupingDataset.csv(rows, TASKS, TaskGroupingDataset.Table.TEST, List.of()))
                .endsWith("1,0.75000,0.37500,0.18750\n");
    }

    @Test
    void shouldDescribeAMeasuredDataSetWithoutPublishedCurves() {
        Map<String, Object> d =
                TaskGroupingDataset.descriptor("fashionscenes", TASKS, GroupingSchedule.legacy());
        assertThat(d).containsEntry("id", "fashionscenes-measured").doesNotContainKey("published");
        assertThat(d.get("budgets")).isEqualTo(List.of(1.0, 1.5, 2.0, 2.5, 3.0));
        assertThat(d.get("taskLabels"))
                .isEqualTo(
                        Map.of(
                                "segmentation",
                                "Segmentation",
                                "depth",
                                "Depth",
                                "normal",
                                "Surface normals"));
        assertThat((String) d.get("protocol")).contains("one seed").contains("1,280");
    }

    /** The shipped data set is what the legacy schedule writes from the shipped bundles, byte for byte. */
    @Test
    void shouldRewriteTheShippedLegacyDataSetUnchanged(@TempDir Path dir) throws Exception {
        Path shipped = Path.of("benchmarks-data/task-grouping/fashionscenes-measured");
        GroupingSchedule legacy = GroupingSchedule.legacy();
        TaskGroupingDataset.write(
                legacy.bundleDir(Path.of("benchmarks-data/reference"), "fashionscenes"),
                dir,
                "fashionscenes",
                TASKS,
                legacy);
        for (String file :
                List.of(
                        "README.md",
                        "dataset.json",
                        "validation.csv",
                        "early-stopping-20.csv",
                        "test.csv")) {
            assertThat(dir.resolve(file)).as(file).hasSameTextualContentAs(shipped.resolve(file));
        }
    }

    @Test
    void shouldDescribeADataSetTrainedUnderAProtocol(@TempDir Path dir) throws Exception {
        GroupingSchedule v2 = GroupingScheduleTest.v2();
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        ObjectMapper json = new ObjectMapper();
        int i = 0;
        for (GroupingNetwork n : GroupingNetwork.plan(3)) {
            Map<String, Double> val = new LinkedHashMap<>();
            n.tasks().forEach(t -> val.put(TASKS.get(t), 0.1 * (t + 1)));
            Map<String, Object> b = bundle(n.cost(), val, 1.5);
            b.put("seed", 0);
            json.writeValue(bundles.resolve(i++ + ".json").toFile(), b);
        }
        Path target = dir.resolve("fashionscenes-measured-fs-encoder-decoder-v2");
        TaskGroupingDataset.write(bundles, target, "fashionscenes", TASKS, v2);
        Map<String, Object> d = TaskGroupingDataset.descriptor("fashionscenes", TASKS, v2);
        assertThat(d)
                .containsEntry("id", "fashionscenes-measured-fs-encoder-decoder-v2")
                .containsEntry(
                        "source",
                        "benchmarks-data/reference/fashionscenes/task-grouping/fs-encoder-decoder-v2/");
        assertThat((String) d.get("title")).endsWith("one seed, fs-encoder-decoder-v2)");
        assertThat((String) d.get("protocol"))
                .contains("protocol fs-encoder-decoder-v2: 4,000 training scenes, 40 epochs")
                .contains("0.001 for task subsets")
                .contains("0.003 for single-task")
                .contains("cosine")
                .contains("losses of 1,000 held-out scenes");
        String readme = Files.readString(target.resolve("README.md"));
        // 20 % of 40 epochs × 250 steps
        assertThat(readme)
                .contains("steps (2000 of 10000; ESA)")
                .contains("the 1,000 scenes held out")
                .contains("seed 0 (initialization")
                .contains("task-grouping/fs-encoder-decoder-v2/`");
        assertThat(Files.readString(target.resolve("validation.csv")))
                .contains("validation losses (1,000 held-out training scenes)");
    }
}
