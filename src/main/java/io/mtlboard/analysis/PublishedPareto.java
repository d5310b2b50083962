package io.mtlboard.analysis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Published Pareto counts of optimizers, {@code <benchmarks-dir>/optimizers/*.json} (see the README
 * there): Elich et al.'s Table 2 and Table A2, per setting, with the table of the literature rows
 * they count.
 */
final class PublishedPareto {

    /** A publication's counts. */
    record Publication(String citation, String paper, String unit, List<Setting> settings) {}

    /**
     * The printed counts of one setting; {@code rowsTable} names the table of its literature rows
     * (their citation contains it).
     */
    record Setting(
            String benchmark,
            String backbone,
            String rowsTable,
            Table2 table2,
            TableA2 tableA2,
            String note) {}

    /** Table 2: Pareto-optimal runs among all runs and against the other optimizer. */
    record Table2(int adamFull, int adamAgainstSgd, int sgdFull, int sgdAgainstAdam) {}

    /** Table A2: Pareto-optimal runs per method, with the printed totals. */
    record TableA2(
            Map<String, Integer> adam, int adamTotal, Map<String, Integer> sgd, int sgdTotal) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private PublishedPareto() {}

    static List<Publication> load(Path dir) {
        List<Publication> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.add(JSON.readValue(file.toFile(), Publication.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the published optimizer counts in " + dir, e);
        }
        return all;
    }
}
