package io.mtlboard.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.support.MtlboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Adam's loss-scale behaviour (Elich et al., arXiv 2311.04698, §4.1) from the loss-scale study's
 * bundles ({@code benchmarks-data/reference/<benchmark>/loss-scale/}, written by
 * {@code mtlboard reference --loss-scales … [--freeze-encoder]}): EW with one task's loss scaled up
 * and the other's down against unscaled losses, per optimizer and encoder mode. For every task the
 * ratio of the mean per-step norm of its head's update, scaled run over unscaled run: SGD's step is
 * proportional to the gradient, so its ratio follows the loss factor; Adam divides by the
 * gradient's running magnitude, so its ratio stays near 1. Final test metrics of both runs beside.
 */
@ApplicationScoped
public class LossScaleStudy {

    /** The study on one benchmark: one row per optimizer × encoder mode that has both runs. */
    public record View(String benchmark, List<Row> rows, String note) {}

    /**
     * One optimizer and encoder mode.
     *
     * @param scales the task factors of the scaled run
     * @param ratios per task, mean head update norm of the scaled run over the unscaled run's
     * @param scaled final test metrics of the scaled run; {@code unscaled} of the unscaled run
     */
    public record Row(
            String optimizer,
            boolean frozenEncoder,
            Map<String, Double> scales,
            Map<String, Double> ratios,
            Map<String, Double> scaled,
            Map<String, Double> unscaled,
            int epochs) {}

    private final MtlboardConfig config;
    private final ObjectMapper json = new ObjectMapper();

    public LossScaleStudy(MtlboardConfig config) {
        this.config = config;
    }

    /**
     * The study of the first of some benchmarks that has one, for a page spanning them; no rows
     * (and no benchmark) when none has.
     */
    public View first(List<String> benchmarks) {
        for (String b : benchmarks) {
            View v = of(b);
            if (!v.rows().isEmpty()) {
                return v;
            }
        }
        return new View(
                null,
                List.of(),
                "No loss-scale runs on any benchmark yet (perf/loss-scale-multifashion.sh).");
    }

    /** The study of {@code benchmark}; no rows when its bundles are missing. */
    public View of(String benchmark) {
        return read(
                benchmark,
                Path.of(config.benchmarksDir())
                        .resolve("reference")
                        .resolve(benchmark)
                        .resolve("loss-scale"));
    }

    /** The study from the bundles in {@code dir}. */
    View read(String benchmark, Path dir) {
        Map<List<Object>, JsonNode[]> pairs = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode m = json.readTree(f.toFile()).path("manifest");
                    JsonNode h = m.path("hyperParameters");
                    boolean unit = true;
                    for (JsonNode s : h.path("lossScales")) {
                        unit &= s.asDouble() == 1.0;
                    }
                    List<Object> key =
                            List.of(
                                    m.path("optimizer").asText(),
                                    h.path("frozenEncoder").asBoolean());
                    pairs.computeIfAbsent(key, k -> new JsonNode[2])[unit ? 1 : 0] = m;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir, e);
            }
        }
        List<Row> rows = new ArrayList<>();
        pairs.forEach(
                (key, p) -> {
                    if (p[0] != null && p[1] != null) {
                        rows.add(row((String) key.get(0), (Boolean) key.get(1), p[0], p[1]));
                    }
                });
        String note =
                rows.isEmpty()
                        ? "No loss-scale runs for this benchmark yet (perf/loss-scale-multifashion.sh)."
                        : null;
        return new View(benchmark, rows, note);
    }

    private static Row row(String optimizer, boolean frozen, JsonNode scaled, JsonNode unscaled) {
        Map<String, Double> scales = new LinkedHashMap<>();
        scaled.path("hyperParameters")
                .path("lossScales")
                .fields()
                .forEachRemaining(e -> scales.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> a = meanHeadUpdates(scaled);
        Map<String, Double> b = meanHeadUpdates(unscaled);
        Map<String, Double> ratios = new LinkedHashMap<>();
        a.forEach(
                (task, v) -> {
                    Double base = b.get(task);
                    if (base != null && base > 0) {
                        ratios.put(task, v / base);
                    }
                });
        return new Row(
                optimizer,
                frozen,
                scales,
                ratios,
                claims(scaled),
                claims(unscaled),
                scaled.path("trainingLog").size());
    }

    /** Per task, the mean over epochs of the logged mean head update norm. */
    static Map<String, Double> meanHeadUpdates(JsonNode manifest) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (JsonNode epoch : manifest.path("trainingLog")) {
            epoch.path("headUpdates")
                    .fields()
                    .forEachRemaining(
                            e -> {
                                double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
                                s[0] += e.getValue().asDouble();
                                s[1]++;
                            });
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((task, s) -> means.put(task, s[0] / s[1]));
        return means;
    }

    private static Map<String, Double> claims(JsonNode manifest) {
        Map<String, Double> claims = new LinkedHashMap<>();
        manifest.path("claims")
                .fields()
                .forEachRemaining(e -> claims.put(e.getKey(), e.getValue().asDouble()));
        return claims;
    }
}
