package io.mtlboard.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

    private static final ChildJvm.Limits LIMITS =
            new ChildJvm.Limits(Duration.ofSeconds(20), 128L << 20, 600L << 20);

    private static ChildJvm.Exit run(
            Class<?> main, ChildJvm.Limits limits, List<String> out, String... args)
            throws Exception {
        return ChildJvm.run(
                ChildJvm.classpath(), main.getName(), List.of(args), limits, out::add, () -> false);
    }

    @Test
    void shouldPassStdoutLinesAndKeepStderrTail() throws Exception {
        List<String> out = new ArrayList<>();
        ChildJvm.Exit exit = run(ChildJvmFixtures.Talker.class, LIMITS, out, "one", "two");
        assertThat(exit.exitCode()).isZero();
        assertThat(out).containsExactly("one", "two");
        assertThat(exit.stderrTail()).contains("talker done");
        assertThat(exit.timedOut()).isFalse();
        assertThat(exit.memoryExceeded()).isFalse();
    }

    @Test
    void shouldKillAChildThatNeverFinishes() throws Exception {
        ChildJvm.Exit exit =
                run(
                        ChildJvmFixtures.Sleeper.class,
                        new ChildJvm.Limits(Duration.ofSeconds(2), 64L << 20, 600L << 20),
                        new ArrayList<>());
        assertThat(exit.timedOut()).isTrue();
        assertThat(exit.exitCode()).isEqualTo(-1);
    }

    /**
     * Runs a child that prints "ready" and then sleeps {@code seconds}, under a deadline of {@code
     * first} that the "ready" line restarts at {@code then}.
     */
    private static ChildJvm.Exit stager(int seconds, Duration first, Duration then)
            throws Exception {
        ChildJvm.Deadline deadline = ChildJvm.Deadline.after(first);
        return ChildJvm.run(
                ChildJvm.classpath(),
                ChildJvmFixtures.Stager.class.getName(),
                List.of(Integer.toString(seconds)),
                LIMITS,
                deadline,
                line -> deadline.restart(then),
                () -> false);
    }

    /** A second stage gets its own budget: the deadline restarted from a line of the child. */
    @Test
    void shouldKeepAChildPastItsFirstLimitWhenTheDeadlineIsRestarted() throws Exception {
        ChildJvm.Exit exit = stager(7, Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertThat(exit.timedOut()).isFalse();
        assertThat(exit.exitCode()).isZero();
    }

    @Test
    void shouldKillAChildWhoseDeadlineIsBroughtForward() throws Exception {
        long start = System.nanoTime();
        ChildJvm.Exit exit = stager(300, Duration.ofSeconds(600), Duration.ZERO);
        assertThat(exit.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(120));
    }

    @Test
    void shouldKillAChildThatExceedsTheMemoryCap() throws Exception {
        ChildJvm.Exit exit =
                run(
                        ChildJvmFixtures.Hog.class,
                        new ChildJvm.Limits(Duration.ofSeconds(60), 64L << 20, 300L << 20),
                        new ArrayList<>());
        assertThat(exit.memoryExceeded()).isTrue();
        assertThat(exit.timedOut()).isFalse();
        assertThat(exit.peakRssBytes()).isGreaterThan(300L << 20);
    }

    @Test
    void shouldReportTheExitCodeOfACrash() throws Exception {
        ChildJvm.Exit exit = run(ChildJvmFixtures.Crasher.class, LIMITS, new ArrayList<>());
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.stderrTail()).contains("simulated crash");
    }

    @Test
    void shouldStopWhenAskedTo() throws Exception {
        long start = System.nanoTime();
        ChildJvm.Exit exit =
                ChildJvm.run(
                        ChildJvm.classpath(),
                        ChildJvmFixtures.Sleeper.class.getName(),
                        List.of(),
                        LIMITS,
                        line -> {},
                        () -> System.nanoTime() - start > 1_000_000_000L);
        assertThat(exit.timedOut()).isFalse();
        assertThat(exit.exitCode()).isNotZero();
    }

    @Test
    void shouldNameASignalFromOutsideAndNotTheEvaluatorsOwnKills() throws Exception {
        assertThat(killedFromOutside(true).outsideSignal()).isEqualTo("SIGKILL");
        assertThat(killedFromOutside(false).outsideSignal()).isEqualTo("SIGTERM");
        ChildJvm.Exit timedOut =
                run(
                        ChildJvmFixtures.Sleeper.class,
                        new ChildJvm.Limits(Duration.ofSeconds(2), 64L << 20, 600L << 20),
                        new ArrayList<>());
        assertThat(timedOut.outsideSignal()).as("the evaluator's own timeout").isNull();
        assertThat(run(ChildJvmFixtures.Crasher.class, LIMITS, new ArrayList<>()).outsideSignal())
                .isNull();
    }

    /** Runs a sleeper and kills it from another thread as an operator or the OOM killer would. */
    private static ChildJvm.Exit killedFromOutside(boolean forcibly) throws Exception {
        ExecutorService killer = Executors.newSingleThreadExecutor();
        try {
            killer.submit(
                    () -> {
                        long deadline = System.nanoTime() + 30_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            Optional<ProcessHandle> child =
                                    ChildJvmFixtures.child(
                                            ChildJvmFixtures.Sleeper.class.getName());
                            if (child.isPresent()) {
                                Thread.sleep(1000); // let the JVM start, so that it handles SIGTERM
                                // itself
                                return forcibly
                                        ? child.get().destroyForcibly()
                                        : child.get().destroy();
                            }
                            Thread.sleep(50);
                        }
                        return false;
                    });
            return run(ChildJvmFixtures.Sleeper.class, LIMITS, new ArrayList<>());
        } finally {
            killer.shutdownNow();
        }
    }
}
