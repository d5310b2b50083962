package io.mtlboard.analysis;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Published robustness tables, {@code <benchmarks-dir>/robustness/*.json} (see the README there):
 * per publication its protocol, the sign convention of its δ_t and its tables of δ_t per metric
 * (Elich et al. Eq. 26) or of absolute scores on corrupted inputs, per network and method. A file
 * that cannot be read is an error of the installation, reported with the file and the line.
 */
final class PublishedRobustness {

    /** What a publication's descriptor says. */
    record Descriptor(
            String id,
            String citation,
            String paper,
            String protocol,
            String signConvention,
            Map<String, String> networks,
            List<TableRef> tables) {}

    /** One table of a publication: its file, its number in the paper, its benchmark, {@code delta} or {@code corrupted}. */
    record TableRef(String file, String table, String benchmark, String quantity) {}

    /** One row: a network and method with a value per metric key and, for δ_t tables, the printed mean. */
    record Row(String network, String method, Map<String, Double> values, Double mean) {}

    /** A loaded table with the publication it belongs to. */
    record Table(Descriptor publication, TableRef ref, List<String> metrics, List<Row> rows) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private PublishedRobustness() {}

    /** Every table of every publication under {@code dir}; empty when the directory is absent. */
    static List<Table> load(Path dir) {
        List<Table> tables = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return tables;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Descriptor d = JSON.readValue(file.toFile(), Descriptor.class);
                for (TableRef ref : d.tables()) {
                    tables.add(read(d, ref, dir.resolve(ref.file())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the published robustness tables in " + dir, e);
        }
        return tables;
    }

    private static Table read(Descriptor d, TableRef ref, Path file) throws IOException {
        if (!List.of("delta", "corrupted").contains(ref.quantity())) {
            throw new IllegalStateException(
                    file + ": quantity must be 'delta' or 'corrupted', got " + ref.quantity());
        }
        List<String> lines =
                Files.readAllLines(file).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("#"))
                        .toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        boolean hasMean = header.get(header.size() - 1).equals("mean");
        if (!header.get(0).equals("network")
                || !header.get(1).equals("method")
                || hasMean != ref.quantity().equals("delta")) {
            throw new IllegalStateException(
                    file
                            + ": the header must be network,method,<metric>…"
                            + (ref.quantity().equals("delta") ? ",mean" : ""));
        }
        List<String> metrics = header.subList(2, header.size() - (hasMean ? 1 : 0));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size() || !d.networks().containsKey(cells[0])) {
                throw new IllegalStateException(
                        file
                                + ": line '"
                                + lines.get(i)
                                + "' needs "
                                + header.size()
                                + " cells and a network of "
                                + d.networks().keySet());
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (int m = 0; m < metrics.size(); m++) {
                values.put(metrics.get(m), Double.parseDouble(cells[m + 2]));
            }
            rows.add(
                    new Row(
                            cells[0],
                            cells[1],
                            values,
                            hasMean ? Double.parseDouble(cells[cells.length - 1]) : null));
        }
        return new Table(d, ref, List.copyOf(metrics), List.copyOf(rows));
    }
}
