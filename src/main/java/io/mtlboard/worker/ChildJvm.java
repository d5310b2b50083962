package io.mtlboard.worker;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a main class in a child JVM with a wall-clock timeout, a Java heap cap and a cap on the
 * resident memory of the whole process (which also bounds native allocations such as libtorch's),
 * polled from {@code /proc}. Whatever the child does — crash, hang, allocate — only the child dies.
 */
public final class ChildJvm {

    private static final int STDERR_LINES = 200;
    private static final long POLL_MILLIS = 100;

    private ChildJvm() {}

    /** Limits of one child: {@code timeout} is where its {@link Deadline} starts. */
    public record Limits(Duration timeout, long heapBytes, long rssBytes) {}

    /**
     * When the child is killed for time: a limit counted from the start that its owner may restart
     * from a later moment, e.g. to give a second stage its own budget once the first has ended.
     */
    public static final class Deadline {
        private volatile long nanos;

        private Deadline(long nanos) {
            this.nanos = nanos;
        }

        /** A deadline {@code limit} from now. */
        public static Deadline after(Duration limit) {
            return new Deadline(System.nanoTime() + limit.toNanos());
        }

        /** Moves the deadline to {@code limit} from now (earlier or later). */
        public void restart(Duration limit) {
            nanos = System.nanoTime() + limit.toNanos();
        }

        boolean passed() {
            return System.nanoTime() - nanos > 0;
        }
    }

    /**
     * How the child ended.
     *
     * @param exitCode the exit code, or -1 when it was killed
     * @param timedOut killed because it exceeded the timeout
     * @param memoryExceeded killed because its resident memory exceeded the cap
     * @param peakRssBytes the largest resident memory seen
     * @param stderrTail the last lines the child wrote to standard error
     */
    public record Exit(
            int exitCode,
            boolean timedOut,
            boolean memoryExceeded,
            long peakRssBytes,
            String stderrTail) {

        /**
         * The signal that ended the child from outside the evaluator — SIGKILL (an operator, the
         * kernel's OOM killer), SIGTERM, SIGHUP or SIGINT, seen as exit code 128 + n — or null. The
         * evaluator's own kills (timeout, memory cap) are reported by their flags instead, and a
         * crash of the model's native code ends with SIGSEGV or SIGABRT, which are not listed here.
         */
        public String outsideSignal() {
            if (timedOut || memoryExceeded) {
                return null;
            }
            return switch (exitCode) {
                case 128 + 9 -> "SIGKILL";
                case 128 + 15 -> "SIGTERM";
                case 128 + 1 -> "SIGHUP";
                case 128 + 2 -> "SIGINT";
                default -> null;
            };
        }
    }

    /**
     * Runs {@code mainClass} with {@code args}, passing every line the child prints on standard
     * output to {@code stdout}; {@code stop} is polled and kills the child when it returns true.
     */
    public static Exit run(
            String classpath,
            String mainClass,
            List<String> args,
            Limits limits,
            Consumer<String> stdout,
            BooleanSupplier stop)
            throws IOException, InterruptedException {
        return run(
                classpath, mainClass, args, limits, Deadline.after(limits.timeout()), stdout, stop);
    }

    /**
     * As {@link #run(String, String, List, Limits, Consumer, BooleanSupplier)}, with a deadline the
     * caller may move while the child runs (from {@code stdout}, say); the limits' timeout is then
     * not used.
     */
    public static Exit run(
            String classpath,
            String mainClass,
            List<String> args,
            Limits limits,
            Deadline deadline,
            Consumer<String> stdout,
            BooleanSupplier stop)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx" + Math.max(64L << 20, limits.heapBytes()),
                                "-XX:+ExitOnOutOfMemoryError",
                                "-Xss4m",
                                "-Djava.awt.headless=true",
                                "-cp",
                                classpath,
                                mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        Deque<String> stderr = new ArrayDeque<>();
        Thread out = pump(process, true, line -> stdout.accept(line));
        Thread err =
                pump(
                        process,
                        false,
                        line -> {
                            synchronized (stderr) {
                                stderr.addLast(line);
                                if (stderr.size() > STDERR_LINES) {
                                    stderr.removeFirst();
                                }
                            }
                        });
        long peak = 0;
        boolean timedOut = false;
        boolean memory = false;
        while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            long rss = residentBytes(process.pid());
            peak = Math.max(peak, rss);
            if (rss > limits.rssBytes()) {
                memory = true;
            } else if (deadline.passed()) {
                timedOut = true;
            }
            if (memory || timedOut || stop.getAsBoolean()) {
                killTree(process);
                break;
            }
        }
        process.waitFor();
        out.join(5000);
        err.join(5000);
        String tail;
        synchronized (stderr) {
            tail = String.join("\n", stderr);
        }
        return new Exit(
                memory || timedOut ? -1 : process.exitValue(), timedOut, memory, peak, tail);
    }

    private static Thread pump(Process process, boolean stdout, Consumer<String> sink) {
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    stdout
                                                            ? process.getInputStream()
                                                            : process.getErrorStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line = r.readLine();
                                        line != null;
                                        line = r.readLine()) {
                                    sink.accept(line);
                                }
                            } catch (IOException e) {
                                // the child went away; its exit status tells the rest
                            }
                        },
                        "child-jvm-" + (stdout ? "out" : "err") + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Resident set size of a process from {@code /proc/<pid>/status}; 0 where unavailable. */
    static long residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L)
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The class path a child needs: the application's own jars when running from the packaged
     * {@code quarkus-app} layout, this JVM's class path otherwise (tests, IDE).
     */
    public static String classpath() {
        String own = System.getProperty("java.class.path");
        Path first = Path.of(own.split(File.pathSeparator)[0]);
        if (!first.getFileName().toString().equals("quarkus-run.jar")) {
            return own;
        }
        Path app = first.toAbsolutePath().getParent();
        List<String> jars = new ArrayList<>();
        for (String dir : List.of("app", "lib/main", "lib/boot")) {
            try (Stream<Path> files = Files.list(app.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".jar"))
                        .sorted()
                        .forEach(f -> jars.add(f.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + app.resolve(dir), e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
