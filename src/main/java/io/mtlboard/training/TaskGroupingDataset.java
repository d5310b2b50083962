package io.mtlboard.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the bundles of {@link TaskGroupingExperiment} into a task-grouping data set of the
 * portal ({@code <benchmarks-dir>/task-grouping/<benchmark>-measured/}) in the format of the
 * Standley et al. data set: {@code dataset.json} without published curves, and three loss tables
 * {@code cost,<task>,…} (lower is better; cost 0.5 per half-size single-task network, 1 per
 * full-size network; half-size networks first, then by subset size), one for selection
 * (validation losses at the end), one for the early-stopping approximation (validation losses
 * after 20 % of the steps) and one for evaluation (test losses).
 */
final class TaskGroupingDataset {

    /** One network's row: its cost and its loss per task it solves, for each of the three tables. */
    record Row(
            double cost,
            Map<String, Double> validation,
            Map<String, Double> early,
            Map<String, Double> test,
            double seconds,
            double multiplyAddRatio,
            long seed) {}

    /** Display labels of the tasks of FashionScenes. */
    static final Map<String, String> LABELS =
            Map.of("segmentation", "Segmentation", "depth", "Depth", "normal", "Surface normals");

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TaskGroupingDataset() {}

    /** The rows of every bundle in {@code dir}, half-size networks first, then by subset size and task order. */
    static List<Row> read(Path dir, List<String> tasks) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode b = JSON.readTree(f.toFile());
                rows.add(
                        new Row(
                                b.path("cost").asDouble(),
                                losses(b.path("validationLoss")),
                                losses(b.path("validationLossEarly")),
                                losses(b.path("testLoss")),
                                b.path("training").path("seconds").asDouble(),
                                b.path("multiplyAddRatio").asDouble(),
                                b.path("seed").asLong()));
            }
        }
        rows.sort(
                Comparator.comparingDouble(Row::cost)
                        .thenComparingInt(r -> r.test().size())
                        .thenComparing(r -> key(r, tasks)));
        return rows;
    }

    private static String key(Row row, List<String> tasks) {
        StringBuilder b = new StringBuilder();
        tasks.forEach(t -> b.append(row.test().containsKey(t) ? '0' : '1'));
        return b.toString();
    }

    private static Map<String, Double> losses(JsonNode node) {
        Map<String, Double> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    /** Which losses a table holds. */
    enum Table {
        VALIDATION,
        EARLY,
        TEST
    }

    /** The loss table {@code which} as CSV: the comment lines, the header and one line per row. */
    static String csv(List<Row> rows, List<String> tasks, Table which, List<String> comments) {
        StringBuilder b = new StringBuilder();
        comments.forEach(c -> b.append("# ").append(c).append('\n'));
        b.append("cost,").append(String.join(",", tasks)).append('\n');
        for (Row row : rows) {
            Map<String, Double> losses =
                    switch (which) {
                        case VALIDATION -> row.validation();
                        case EARLY -> row.early();
                        case TEST -> row.test();
                    };
            b.append(number(row.cost()));
            for (String t : tasks) {
                b.append(',');
                Double v = losses.get(t);
                if (v != null) {
                    b.append(String.format(Locale.ROOT, "%.5f", v));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String number(double cost) {
        return cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost);
    }

    /** Writes the data set of the bundles in {@code bundles} to {@code target}; returns the rows. */
    static List<Row> write(
            Path bundles,
            Path target,
            String benchmark,
            List<String> tasks,
            GroupingSchedule schedule)
            throws IOException {
        List<Row> rows = read(bundles, tasks);
        int expected = (1 << tasks.size()) - 1 + tasks.size();
        if (rows.size() != expected) {
            throw new IllegalStateException(
                    bundles
                            + " holds "
                            + rows.size()
                            + " networks, the experiment has "
                            + expected);
        }
        Files.createDirectories(target);
        String head =
                "FashionScenes task grouping, measured by MTLBoard (`mtlboard reference --task-grouping`), protocol "
                        + schedule.protocol()
                        + ", one seed.";
        String cost =
                "Lower is better. Cost 0.5 = half-size single-task network (encoder widths × 1/√2), cost 1 = one full-size network; losses of TaskLoss (see README.md).";
        Files.writeString(
                target.resolve("validation.csv"),
                csv(
                        rows,
                        tasks,
                        Table.VALIDATION,
                        List.of(
                                head,
                                "validation losses ("
                                        + String.format(
                                                Locale.ROOT,
                                                "%,d",
                                                schedule.multiTask().validationSamples())
                                        + " held-out training scenes) after the last epoch (selection).",
                                cost)));
        Files.writeString(
                target.resolve("early-stopping-20.csv"),
                csv(
                        rows,
                        tasks,
                        Table.EARLY,
                        List.of(
                                head,
                                "validation losses after 20 % of the training steps (early-stopping approximation).",
                                cost)));
        Files.writeString(
                target.resolve("test.csv"),
                csv(
                        rows,
                        tasks,
                        Table.TEST,
                        List.of(
                                head,
                                "test losses (1,000 test scenes) after the last epoch (evaluation).",
                                cost)));
        JSON.writeValue(
                target.resolve("dataset.json").toFile(), descriptor(benchmark, tasks, schedule));
        Files.writeString(target.resolve("README.md"), readme(rows, benchmark, tasks, schedule));
        return rows;
    }

    /** The README of the data set: where it comes from, the protocol, the loss definitions and the table. */
    static String readme(
            List<Row> rows, String benchmark, List<String> tasks, GroupingSchedule schedule) {
        String validation =
                String.format(Locale.ROOT, "%,d", schedule.multiTask().validationSamples());
        StringBuilder b = new StringBuilder();
        b.append("# FashionScenes task grouping, measured by MTLBoard\n\n")
                .append(
                        "Standley et al.'s task-grouping experiment (*Which Tasks Should Be Learned Together in Multi-task\n")
                .append(
                        "Learning?*, ICML 2020, §5) measured on the bundled FashionScenes benchmark (segmentation, depth,\n")
                .append("surface normals). Written by `mtlboard reference --benchmark ")
                .append(benchmark)
                .append(" --task-grouping` from the bundles in\n`benchmarks-data/reference/")
                .append(benchmark)
                .append("/task-grouping/")
                .append(schedule.legacySchedule() ? "" : schedule.protocol() + "/")
                .append(
                        "` (not leaderboard runs). No published curves: the paper did not train these networks.\n\n")
                .append("## Protocol\n\n")
                .append(
                        "- Networks: the 7 non-empty task subsets as full-size encoder–decoders (shared encoder–decoder, one\n")
                .append(
                        "  head per task of the subset, equal loss weights; cost 1) and the 3 tasks as half-size single-task\n")
                .append(
                        "  networks (cost 0.5): encoder–decoder widths 16-32-64-32-16 × 1/√2 rounded = 11-23-45-23-11, whose\n")
                .append("  3×3 convolutions take ")
                .append(
                        String.format(
                                Locale.ROOT,
                                "%.4f",
                                rows.stream()
                                        .filter(r -> r.cost() < 1)
                                        .mapToDouble(Row::multiplyAddRatio)
                                        .findFirst()
                                        .orElse(Double.NaN)))
                .append(" of the full encoder's multiply-adds per 64×64 image (heads unchanged).\n")
                .append(scheduleLine(schedule, rows))
                .append(
                        "- Losses (`TaskLoss`, the trainer's losses): cross-entropy over labelled pixels (segmentation), L1\n")
                .append(
                        "  over pixels with depth > 0 (depth), 1 − cosine similarity over pixels with a non-zero ground-truth\n")
                .append("  normal (normals). A split's loss is the mean over batches of ")
                .append(GroupingTrainer.EVAL_BATCH)
                .append(" samples, batch norm in\n")
                .append("  inference mode. `validation.csv`: the ")
                .append(validation)
                .append(" scenes held out at the end of the training split, after\n")
                .append(
                        "  the last epoch (selection); `early-stopping-20.csv`: the same scenes after 20 % of the training\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "  steps (%d of %d; ESA); `test.csv`: the 1,000 test scenes after the last epoch (evaluation).\n",
                                schedule.earlyStep(),
                                schedule.steps()))
                .append(
                        "- One seed: differences between groupings whose total losses are close are within seed noise and\n")
                .append(
                        "  cannot be separated by this table; the losses of different tasks are on different scales, so the\n")
                .append("  total loss weighs segmentation most.\n\n")
                .append("## Losses (lower is better)\n\n| cost | tasks |");
        for (String t : tasks) {
            b.append(" val ").append(t).append(" |");
        }
        for (String t : tasks) {
            b.append(" ESA ").append(t).append(" |");
        }
        for (String t : tasks) {
            b.append(" test ").append(t).append(" |");
        }
        b.append(" training s |\n|");
        b.append("---|".repeat(3 + 3 * tasks.size())).append('\n');
        for (Row r : rows) {
            b.append("| ")
                    .append(number(r.cost()))
                    .append(" | ")
                    .append(String.join("+", tasks.stream().filter(r.test()::containsKey).toList()))
                    .append(" |");
            for (Map<String, Double> m : List.of(r.validation(), r.early(), r.test())) {
                for (String t : tasks) {
                    b.append(
                            m.containsKey(t)
                                    ? String.format(Locale.ROOT, " %.5f |", m.get(t))
                                    : " |");
                }
            }
            b.append(String.format(Locale.ROOT, " %.0f |\n", r.seconds()));
        }
        b.append(
                        "\nTraining seconds: wall time of the training loop with one libtorch thread on a shared 2-core machine\n")
                .append(
                        "(niced, beside other training processes), so they compare only roughly.\n");
        return b.toString();
    }

    /** The README's schedule item: the settings in words and the seed of the networks. */
    private static String scheduleLine(GroupingSchedule schedule, List<Row> rows) {
        String seeds =
                String.join(
                        ", ", rows.stream().map(r -> Long.toString(r.seed())).distinct().toList());
        if (schedule.legacySchedule()) {
            return "- Schedule of `"
                    + GroupingSchedule.LEGACY
                    + "`: the first 1,280 training scenes, 6 epochs, batch 16, Adam 1e-3, last\n"
                    + "  epoch; seed "
                    + seeds
                    + " (initialization and batch order as the reference runs).\n";
        }
        return "- Schedule: "
                + schedule.describe()
                + "; seed "
                + seeds
                + " (initialization and batch order as the protocol's reference runs).\n";
    }

    static Map<String, Object> descriptor(
            String benchmark, List<String> tasks, GroupingSchedule schedule) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", schedule.datasetId(benchmark));
        d.put(
                "title",
                "FashionScenes, measured by MTLBoard (encoder–decoder, one seed"
                        + (schedule.legacySchedule() ? "" : ", " + schedule.protocol())
                        + ")");
        d.put(
                "citation",
                "MTLBoard reference training (mtlboard reference --benchmark "
                        + benchmark
                        + " --task-grouping), after the experiment of Standley et al., Which Tasks Should Be Learned Together in Multi-task Learning? ICML 2020 (arXiv 1905.07553), §5.");
        d.put("paper", "https://arxiv.org/abs/1905.07553");
        d.put(
                "source",
                "benchmarks-data/reference/"
                        + benchmark
                        + "/"
                        + GroupingNetwork.DIR
                        + "/"
                        + (schedule.legacySchedule() ? "" : schedule.protocol() + "/"));
        d.put(
                "protocol",
                "FashionScenes, encoder–decoder, three tasks; every task subset trained as a full-size network with equal loss weights (cost 1) and each task as a half-size single-task network with about half the encoder's multiply-adds (cost 0.5); "
                        + schedule.describe()
                        + "; networks chosen on the losses of "
                        + String.format(
                                Locale.ROOT, "%,d", schedule.multiTask().validationSamples())
                        + " held-out scenes and scored on the 1,000 test scenes; ESA chooses on the validation losses after 20 % of the training steps; one seed, which cannot separate groupings whose losses are close.");
        Map<String, String> labels = new LinkedHashMap<>();
        tasks.forEach(t -> labels.put(t, LABELS.getOrDefault(t, t)));
        d.put("taskLabels", labels);
        d.put("selection", "validation.csv");
        d.put("evaluation", "test.csv");
        d.put("earlyStopping", "early-stopping-20.csv");
        d.put("higherOrderCost", 1);
        List<Double> budgets = new ArrayList<>();
        for (double b = 1; b <= tasks.size() + 1e-9; b += 0.5) {
            budgets.add(b);
        }
        d.put("budgets", budgets);
        return d;
    }
}
