package io.mtlboard.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.evaluation.EvaluationRequest;
import io.mtlboard.evaluation.EvaluationResult;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.evaluation.ModelFault;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Main class of the sandboxed evaluation process: reads an {@link EvaluationRequest} from the JSON
 * file named by its argument, evaluates the model and prints {@link ChildEvent}s as prefixed JSON
 * lines on standard output: progress, then the result as soon as the verdict is known and again
 * after each diagnostic (the last one is complete). It exits when its parent process dies, so that
 * a killed worker leaves no orphan behind.
 */
public final class EvaluatorProcess {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private EvaluatorProcess() {}

    public static void main(String[] args) {
        System.setProperty("offline", "true");
        // libraries that print to stdout must not interleave with the events
        System.setOut(System.err);
        watchParent();
        long start = System.nanoTime();
        try {
            EvaluationRequest request =
                    JSON.readValue(Path.of(args[0]).toFile(), EvaluationRequest.class);
            // the verdict is sent as soon as it is known and again with each diagnostic, so that
            // the
            // worker keeps it if the diagnostics are cut short by a limit or a crash
            EvaluationResult result =
                    new ModelEvaluator()
                            .evaluate(
                                    request,
                                    (done, total) -> emit(ChildEvent.progress(done, total)),
                                    r -> emit(ChildEvent.result(r)));
            emit(ChildEvent.result(result));
        } catch (ModelFault fault) {
            if (fault.detail() != null) {
                // standard error ends up in the run's log: the reason has the first lines, the log
                // all
                System.err.println("The model's error in full:");
                System.err.println(fault.detail());
            }
            emit(
                    ChildEvent.result(
                            EvaluationResult.rejected(
                                    fault.getMessage(),
                                    null,
                                    null,
                                    0,
                                    (System.nanoTime() - start) / 1e9)));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            emit(
                    ChildEvent.error(
                            "infrastructure",
                            e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (Throwable t) {
            emit(
                    ChildEvent.error(
                            "infrastructure",
                            "unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage()));
            t.printStackTrace();
        }
        System.exit(0);
    }

    private static synchronized void emit(ChildEvent event) {
        try {
            OUT.println(ChildEvent.PREFIX + JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void watchParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        Thread t =
                new Thread(
                        () -> {
                            while (true) {
                                if (parent.isEmpty() || !parent.get().isAlive()) {
                                    Runtime.getRuntime().halt(86);
                                }
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "parent-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
