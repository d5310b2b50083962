package io.mtlboard.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mtlboard.support.CodeVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of one training step of each reference configuration (method × gradient level ×
 * optimizer) under a protocol, measured back to back in one process: what the levels page compares
 * instead of the reference runs' logged wall times, which depend on the machine each run was trained
 * on and on what else ran beside it.
 *
 * <p>Every configuration's networks are built from seed 0 and take a few warm-up steps; then, round
 * after round, each configuration takes the same number of steps (the order rotates each round), and
 * the wall time and the CPU time of the calling thread are recorded per step. With one libtorch
 * thread, libtorch computes forward and backward passes on the calling thread, so its CPU time is the
 * step's cost whatever else runs on the machine. Steps are plain training steps: none of the gradient
 * indicators and FD the reference runs log every few steps.
 */
public final class StepCost {

    /** The directory of step-cost tables under a benchmark's reference directory. */
    public static final String DIR = "step-cost";

    static final String FORMAT = "mtlboard-step-cost/1";

    /**
     * Median and quartiles over rounds of milliseconds per step (linear interpolation between the
     * closest ranks, as R's default and NumPy's {@code percentile}).
     */
    public record Spread(double median, double q1, double q3) {

        static Spread of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            return new Spread(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75));
        }

        /** The {@code p}-quantile of the sorted {@code v}. */
        static double quantile(double[] v, double p) {
            double h = (v.length - 1) * p;
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, v.length - 1);
            return v[lo] + (h - lo) * (v[hi] - v[lo]);
        }
    }

    /** One configuration's cost: CPU and wall milliseconds per step. */
    public record Entry(
            String method, String level, String optimizer, Spread cpuMs, Spread wallMs) {}

    /** A protocol's table: what was measured, how and where. */
    public record Table(
            String protocol,
            String protocolHash,
            String measuredAt,
            String machine,
            String engine,
            int threads,
            int batchSize,
            int warmupSteps,
            int stepsPerRound,
            int rounds,
            List<Entry> entries) {

        /** The entry of {@code method} at {@code level} with {@code optimizer}, if measured. */
        public Optional<Entry> entry(String method, String level, String optimizer) {
            return entries.stream()
                    .filter(
                            e ->
                                    e.method().equals(method)
                                            && e.level().equals(level)
                                            && e.optimizer().equals(optimizer))
                    .findFirst();
        }
    }

    private StepCost() {}

    /** The table file of {@code protocolId} under a benchmark's reference directory. */
    public static Path file(Path referenceDir, String protocolId) {
        return referenceDir.resolve(DIR).resolve(protocolId + ".json");
    }

    /** The table of {@code protocolId}, if one was measured. */
    public static Optional<Table> read(Path referenceDir, String protocolId) throws IOException {
        Path file = file(referenceDir, protocolId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a " + FORMAT + " file");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : root.path("entries")) {
            entries.add(
                    new Entry(
                            e.path("method").asText(),
                            e.path("level").asText(),
                            e.path("optimizer").asText(),
                            spread(e.path("cpuMsPerStep")),
                            spread(e.path("wallMsPerStep"))));
        }
        return Optional.of(
                new Table(
                        root.path("protocol").path("id").asText(),
                        root.path("protocol").path("hash").asText(),
                        root.path("measuredAt").asText(),
                        root.path("machine").asText(),
                        root.path("engine").asText(),
                        root.path("threads").asInt(),
                        root.path("batchSize").asInt(),
                        root.path("warmupSteps").asInt(),
                        root.path("stepsPerRound").asInt(),
                        root.path("rounds").asInt(),
                        List.copyOf(entries)));
    }

    private static Spread spread(JsonNode node) throws IOException {
        if (!node.path("median").isNumber()
                || !node.path("q1").isNumber()
                || !node.path("q3").isNumber()) {
            throw new IOException("a step-cost entry lacks its median or quartiles");
        }
        return new Spread(
                node.path("median").asDouble(),
                node.path("q1").asDouble(),
                node.path("q3").asDouble());
    }

    /** One configuration to time, with the training settings (lr) its runs use. */
    record Config(RunSpec spec, TrainingSettings settings) {}

    /**
     * Times {@code configs} and writes the table to {@code file}: {@code warmup} steps each, then
     * {@code rounds} rounds of {@code steps} steps each.
     */
    static Table measure(
            ReferenceData data,
            ReferenceProtocol protocol,
            List<Config> configs,
            int warmup,
            int steps,
            int rounds,
            int threads,
            Path file,
            PrintStream progress)
            throws IOException {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        bean.setThreadCpuTimeEnabled(true);
        double[][] cpu = new double[configs.size()][rounds];
        double[][] wall = new double[configs.size()][rounds];
        List<NDManager> managers = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager()) {
            List<Trainer.Stepper> steppers = new ArrayList<>();
            for (Config c : configs) {
                NDManager manager = root.newSubManager();
                managers.add(manager);
                Trainer.Stepper stepper =
                        new Trainer(data, c.settings(), done -> {}).stepper(c.spec(), manager);
                stepper.steps(warmup);
                steppers.add(stepper);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < configs.size(); k++) {
                    int i = (k + r) % configs.size();
                    long cpu0 = bean.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    steppers.get(i).steps(steps);
                    wall[i][r] = (System.nanoTime() - wall0) / 1e6 / steps;
                    cpu[i][r] = (bean.getCurrentThreadCpuTime() - cpu0) / 1e6 / steps;
                }
                progress.printf(Locale.ROOT, "round %d of %d done%n", r + 1, rounds);
            }
        } finally {
            managers.forEach(NDManager::close);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            RunSpec s = configs.get(i).spec();
            entries.add(
                    new Entry(
                            s.method(),
                            s.level().id(),
                            s.optimizer(),
                            Spread.of(cpu[i]),
                            Spread.of(wall[i])));
        }
        Engine engine = Engine.getEngine("PyTorch");
        Table table =
                new Table(
                        protocol.id(),
                        protocol.hash(),
                        OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(),
                        machine(),
                        engine.getEngineName()
                                + " "
                                + engine.getVersion()
                                + " (DJL "
                                + Engine.getDjlVersion()
                                + ")",
                        threads,
                        configs.isEmpty() ? 0 : configs.get(0).settings().batchSize(),
                        warmup,
                        steps,
                        rounds,
                        entries);
        write(table, file);
        return table;
    }

    private static void write(Table t, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("protocol", Map.of("id", t.protocol(), "hash", t.protocolHash()));
        root.put("measuredAt", t.measuredAt());
        root.put("machine", t.machine());
        root.put("engine", t.engine());
        CodeVersion.current().ifPresent(c -> root.put("code", c.toMap()));
        root.put("threads", t.threads());
        root.put("batchSize", t.batchSize());
        root.put("warmupSteps", t.warmupSteps());
        root.put("stepsPerRound", t.stepsPerRound());
        root.put("rounds", t.rounds());
        root.put(
                "method",
                "per configuration, "
                        + t.warmupSteps()
                        + " warm-up steps, then "
                        + t.rounds()
                        + " rounds of "
                        + t.stepsPerRound()
                        + " training steps each, the configurations' order rotating each round; CPU time is "
                        + "the calling thread's (libtorch computes on it with one thread), wall time is "
                        + "elapsed time; both in milliseconds per step, median and quartiles over "
                        + "rounds; plain training steps without the gradient indicators and FD of logging steps");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Entry e : t.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", e.method());
            m.put("level", e.level());
            m.put("optimizer", e.optimizer());
            m.put("cpuMsPerStep", spreadMap(e.cpuMs()));
            m.put("wallMsPerStep", spreadMap(e.wallMs()));
            entries.add(m);
        }
        root.put("entries", entries);
        JsonFiles.writeAtomically(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT), file, root);
    }

    private static Map<String, Object> spreadMap(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(s.median()));
        m.put("q1", round(s.q1()));
        m.put("q3", round(s.q3()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** The processor model and count, for the record. */
    private static String machine() {
        String model = "unknown processor";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux: the model stays unknown
        }
        return model
                + ", "
                + Runtime.getRuntime().availableProcessors()
                + " processors, Java "
                + Runtime.version();
    }
}
