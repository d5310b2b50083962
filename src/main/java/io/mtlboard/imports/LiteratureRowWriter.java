package io.mtlboard.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Benchmark;
import io.mtlboard.benchmark.BenchmarkMetric;
import io.mtlboard.benchmark.Method;
import io.mtlboard.benchmark.Protocols;
import io.mtlboard.run.LiteratureRun;
import io.mtlboard.run.Published;
import io.mtlboard.run.RunSettings;
import io.mtlboard.support.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Checks one row of a literature CSV and writes it as a LITERATURE run with its claims. */
@ApplicationScoped
class LiteratureRowWriter {

    static final Set<String> FIXED_COLUMNS =
            Set.of(
                    "benchmark",
                    "backbone",
                    "method",
                    "optimizer",
                    "gradient_level",
                    "seeds",
                    "protocol",
                    "baseline_protocol",
                    "baseline_optimizer",
                    "published_delta_m_task",
                    "published_delta_m_task_std",
                    "published_delta_m_flat",
                    "published_delta_m_flat_std",
                    "published_delta_m_sign",
                    "published_delta_m_note",
                    "citation",
                    "source_url");

    /** Columns {@code hp.<name>} carry hyper-parameters as published (learning rate, batch size, …). */
    static final String HYPER_PARAMETER_PREFIX = "hp.";

    private static final List<String> PUBLISHED =
            List.of(
                    "published_delta_m_task",
                    "published_delta_m_task_std",
                    "published_delta_m_flat",
                    "published_delta_m_flat_std");

    private final Protocols protocols;
    private final ObjectMapper json;

    LiteratureRowWriter(Protocols protocols, ObjectMapper json) {
        this.protocols = protocols;
        this.json = json;
    }

    /** Every problem of the row; empty when it can be imported. */
    List<String> problems(Map<String, String> row) {
        List<String> problems = new ArrayList<>();
        Optional<Benchmark> benchmark = Benchmark.byId(row.get("benchmark"));
        if (benchmark.isEmpty()) {
            problems.add("unknown benchmark '" + row.get("benchmark") + "'");
        }
        if (Backbone.byId(row.get("backbone")).isEmpty()) {
            problems.add("unknown backbone '" + row.get("backbone") + "'");
        }
        if (Method.byId(row.get("method")).isEmpty()) {
            problems.add("unknown method '" + row.get("method") + "'");
        }
        if (!RunSettings.OPTIMIZERS.contains(row.get("optimizer"))) {
            problems.add("optimizer must be one of " + RunSettings.OPTIMIZERS);
        }
        if (!RunSettings.GRADIENT_LEVELS.contains(row.get("gradient_level"))) {
            problems.add("gradient_level must be one of " + RunSettings.GRADIENT_LEVELS);
        }
        if (blank(row.get("citation"))) {
            problems.add("citation is required on every row");
        }
        if (blank(row.get("protocol"))) {
            problems.add(
                    "protocol is required on every row (an id of protocols.json: "
                            + protocols.all().keySet()
                            + ")");
        } else if (protocols.find(row.get("protocol")).isEmpty()) {
            problems.add(
                    "unknown protocol '"
                            + row.get("protocol")
                            + "' (protocols.json: "
                            + protocols.all().keySet()
                            + ")");
        }
        if (!blank(row.get("baseline_protocol"))
                && protocols.find(row.get("baseline_protocol")).isEmpty()) {
            problems.add("unknown baseline_protocol '" + row.get("baseline_protocol") + "'");
        }
        if (!blank(row.get("baseline_optimizer"))
                && !RunSettings.OPTIMIZERS.contains(row.get("baseline_optimizer"))) {
            problems.add("baseline_optimizer must be one of " + RunSettings.OPTIMIZERS);
        }
        if (!blank(row.get("published_delta_m_sign"))
                && !List.of("gain", "loss").contains(row.get("published_delta_m_sign"))) {
            problems.add("published_delta_m_sign must be gain or loss");
        }
        checkNumber(row, "seeds", false, problems);
        for (String column : PUBLISHED) {
            checkNumber(row, column, false, problems);
        }
        benchmark.ifPresent(b -> checkMetrics(b, row, problems));
        return problems;
    }

    private static void checkMetrics(Benchmark b, Map<String, String> row, List<String> problems) {
        List<String> keys = b.metrics().stream().map(BenchmarkMetric::key).toList();
        for (String column : row.keySet()) {
            if (!FIXED_COLUMNS.contains(column)
                    && !keys.contains(column)
                    && !column.startsWith(HYPER_PARAMETER_PREFIX)) {
                problems.add(
                        "column '"
                                + column
                                + "' is not a metric of "
                                + b.id
                                + " (metrics: "
                                + keys
                                + ")");
            }
        }
        for (String key : keys) {
            checkNumber(row, key, true, problems);
        }
    }

    private static void checkNumber(
            Map<String, String> row, String column, boolean required, List<String> problems) {
        String value = row.get(column);
        if (blank(value)) {
            if (required) {
                problems.add("'" + column + "' is required");
            }
            return;
        }
        try {
            if (!Double.isFinite(Double.parseDouble(value))) {
                problems.add("'" + column + "' must be finite");
            }
        } catch (NumberFormatException e) {
            problems.add("'" + column + "' is not a number: '" + value + "'");
        }
    }

    /** The run of this row, as the run service stores it. */
    LiteratureRun toRun(String file, Map<String, String> row) {
        String key =
                String.join(
                        "|",
                        file,
                        row.get("benchmark"),
                        row.get("backbone"),
                        row.get("method"),
                        row.get("optimizer"),
                        row.get("gradient_level"));
        Benchmark benchmark = Benchmark.byId(row.get("benchmark")).orElseThrow();
        // stored in gain sign whatever sign the publication printed; stds have no sign
        double sign = "loss".equals(row.get("published_delta_m_sign")) ? -1 : 1;
        Published published =
                new Published(
                        signed(number(row.get("published_delta_m_task")), sign),
                        number(row.get("published_delta_m_task_std")),
                        signed(number(row.get("published_delta_m_flat")), sign),
                        number(row.get("published_delta_m_flat_std")),
                        blank(row.get("published_delta_m_note"))
                                ? null
                                : row.get("published_delta_m_note"));
        Map<String, Double> claims = new LinkedHashMap<>();
        for (BenchmarkMetric metric : benchmark.metrics()) {
            claims.put(metric.key(), Double.parseDouble(row.get(metric.key())));
        }
        return new LiteratureRun(
                key,
                hash(row),
                benchmark,
                Backbone.byId(row.get("backbone")).orElseThrow(),
                Method.byId(row.get("method")).orElseThrow(),
                row.get("optimizer"),
                row.get("gradient_level"),
                integer(row.get("seeds")),
                row.get("citation"),
                blank(row.get("source_url")) ? null : row.get("source_url"),
                published,
                row.get("protocol"),
                blank(row.get("baseline_protocol")) ? null : row.get("baseline_protocol"),
                blank(row.get("baseline_optimizer")) ? null : row.get("baseline_optimizer"),
                hyperParameters(row),
                claims);
    }

    private static String hash(Map<String, String> row) {
        return Sha256.of(new TreeMap<>(row).toString());
    }

    private String hyperParameters(Map<String, String> row) {
        Map<String, Object> hp = new TreeMap<>();
        row.forEach(
                (k, v) -> {
                    if (k.startsWith(HYPER_PARAMETER_PREFIX) && !blank(v)) {
                        String name = k.substring(HYPER_PARAMETER_PREFIX.length());
                        try {
                            hp.put(name, new BigDecimal(v.trim()));
                        } catch (NumberFormatException e) {
                            hp.put(name, v.trim());
                        }
                    }
                });
        try {
            return hp.isEmpty() ? null : json.writeValueAsString(hp);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double signed(Double value, double sign) {
        return value == null ? null : value * sign;
    }

    private static Double number(String s) {
        return blank(s) ? null : Double.parseDouble(s);
    }

    private static Integer integer(String s) {
        return blank(s) ? null : (int) Double.parseDouble(s);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
