package io.mtlboard.analysis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.analysis.grouping.GroupingProblem;
import io.mtlboard.analysis.grouping.GroupingStudy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in task-grouping data sets, {@code <benchmarks-dir>/task-grouping/<id>/}: a
 * {@code dataset.json} (title, paper, protocol, published curves with notes — absent for a data set
 * measured by MTLBoard itself) and the loss tables
 * it names, each in the format of {@link GroupingTable}. A data set that cannot be read is an error
 * of the installation, reported with the file and every problem found.
 */
final class GroupingDatasets {

    /** What {@code dataset.json} says. */
    record Descriptor(
            String id,
            String title,
            String citation,
            String paper,
            String source,
            String protocol,
            Map<String, String> taskLabels,
            String selection,
            String evaluation,
            String earlyStopping,
            double higherOrderCost,
            List<Double> budgets,
            String publishedSource,
            Map<String, List<Double>> published,
            Map<String, String> publishedLabels,
            List<PublishedNote> publishedNotes) {

        /** A measured data set has no published curves, labels or notes: they default to empty. */
        Descriptor {
            published = published == null ? Map.of() : published;
            publishedLabels = publishedLabels == null ? Map.of() : publishedLabels;
            publishedNotes = publishedNotes == null ? List.of() : publishedNotes;
        }
    }

    /** An explanation of published points that a recomputation from the tables does not give. */
    record PublishedNote(List<String> strategies, List<Double> budgets, String note) {}

    /** A loaded data set: its description, the study of its tables and the selection table as CSV. */
    record Dataset(Descriptor descriptor, GroupingStudy study, String selectionCsv) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private GroupingDatasets() {}

    /** Every data set under {@code dir}, by id, in id order; empty when the directory is absent. */
    static Map<String, Dataset> load(Path dir) {
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return datasets;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path file :
                    children.map(d -> d.resolve("dataset.json"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .toList()) {
                Dataset d = read(file);
                datasets.put(d.descriptor().id(), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return datasets;
    }

    static Dataset read(Path file) {
        try {
            Descriptor d = JSON.readValue(file.toFile(), Descriptor.class);
            Path dir = file.getParent();
            String selectionCsv = Files.readString(dir.resolve(d.selection()));
            GroupingProblem selection = table(file, d.selection(), selectionCsv);
            GroupingProblem evaluation =
                    table(file, d.evaluation(), Files.readString(dir.resolve(d.evaluation())));
            GroupingProblem early =
                    d.earlyStopping() == null
                            ? null
                            : table(
                                    file,
                                    d.earlyStopping(),
                                    Files.readString(dir.resolve(d.earlyStopping())));
            for (List<Double> curve : d.published().values()) {
                if (curve.size() != d.budgets().size()) {
                    throw new IllegalStateException(
                            file + ": every published curve needs one value (or null) per budget");
                }
            }
            return new Dataset(d, new GroupingStudy(selection, evaluation, early), selectionCsv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the task-grouping data set " + file, e);
        }
    }

    private static GroupingProblem table(Path descriptor, String name, String csv) {
        GroupingTable.Parsed parsed = GroupingTable.parse(csv);
        if (!parsed.violations().isEmpty()) {
            List<String> problems = new ArrayList<>();
            parsed.violations().forEach(v -> problems.add(v.field() + ": " + v.message()));
            throw new IllegalStateException(
                    descriptor.getParent().resolve(name) + ": " + String.join("; ", problems));
        }
        return new GroupingProblem(parsed.tasks(), parsed.networks());
    }
}
