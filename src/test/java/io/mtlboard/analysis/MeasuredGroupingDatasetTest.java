package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A measured data set's {@code dataset.json} carries no published curves, labels or notes. */
class MeasuredGroupingDatasetTest {

    static final String TABLE =
            """
            cost,a,b,c
            0.5,0.9,,
            1,0.8,,
            1,,0.6,
            1,,,0.5
            1,0.7,0.65,
            1,0.75,,0.55
            1,,0.62,0.52
            1,0.78,0.61,0.51
            """;

    @Test
    void shouldReadADataSetWithoutPublishedCurves(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("dataset.json"),
                """
                {"id": "toy-measured", "title": "Toy", "citation": "MTLBoard", "paper": null,
                 "source": "benchmarks-data/reference/toy/task-grouping/", "protocol": "one seed",
                 "taskLabels": {"a": "A", "b": "B", "c": "C"}, "selection": "v.csv",
                 "evaluation": "t.csv", "earlyStopping": "e.csv", "higherOrderCost": 1,
                 "budgets": [1, 1.5, 2, 2.5, 3]}
                """);
        for (String f : new String[] {"v.csv", "t.csv", "e.csv"}) {
            Files.writeString(dir.resolve(f), TABLE);
        }
        GroupingDatasets.Dataset d = GroupingDatasets.read(dir.resolve("dataset.json"));
        assertThat(d.descriptor().published()).isEmpty();
        assertThat(d.descriptor().publishedLabels()).isEmpty();
        assertThat(d.descriptor().publishedNotes()).isEmpty();
        assertThat(d.descriptor().publishedSource()).isNull();
        assertThat(d.study().tasks()).containsExactly("a", "b", "c");
    }
}
