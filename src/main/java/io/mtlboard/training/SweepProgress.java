package io.mtlboard.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a sweep on standard error: the share of all training steps done,
 * the current run, the elapsed time and an estimate of the time left, from the rate so far. Steps
 * a resumed run had done before its stop count as done but not toward the rate, which is measured
 * on the steps this process took.
 */
final class SweepProgress implements Trainer.Progress {

    private final PrintStream out;
    private long total;
    private final int runs;
    private int finished;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long resumed;
    private String run = "";
    private long lastPrint;

    /**
     * @param total training steps of the whole sweep (network steps)
     * @param runs runs of the sweep
     */
    SweepProgress(PrintStream out, long total, int runs) {
        this(out, total, runs, System::nanoTime);
    }

    /** With its own clock (nanoseconds), for tests. */
    SweepProgress(PrintStream out, long total, int runs, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.total = Math.max(1, total);
        this.runs = runs;
    }

    synchronized void startRun(RunSpec spec) {
        run =
                String.format(
                        Locale.ROOT,
                        "%s %s/%s %s seed %d",
                        spec.backbone(),
                        spec.method(),
                        spec.level().id(),
                        spec.optimizer(),
                        spec.seed());
        print(true);
    }

    /** Counts a run that is skipped (already done): its steps leave the total, so the ETA stays honest. */
    synchronized void skip(long steps) {
        total = Math.max(1, total - steps);
        finished++;
    }

    @Override
    public synchronized void steps(int n) {
        done += n;
        print(false);
    }

    @Override
    public synchronized void resumed(int n) {
        done += n;
        resumed += n;
        print(true);
    }

    /** Counts a finished (or skipped) run and prints {@code line} above the bar. */
    /** A run not trained because its bundle was taken from elsewhere: {@code line} says whence. */
    synchronized void reused(long steps, String line) {
        total = Math.max(1, total - steps);
        finishRun(line);
    }

    synchronized void finishRun(String line) {
        finished++;
        out.print("\r" + " ".repeat(120) + "\r");
        if (line != null) {
            System.out.println(line);
        }
        print(true);
    }

    synchronized double seconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    /** The estimated seconds left, from this process's rate so far; NaN before its first step. */
    synchronized double remaining() {
        long taken = done - resumed;
        return taken == 0 ? Double.NaN : seconds() / taken * (total - done);
    }

    private void print(boolean force) {
        long now = clock.getAsLong();
        if (!force && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        int percent = (int) (100 * done / total);
        int filled = percent * 30 / 100;
        out.printf(
                Locale.ROOT,
                "\r[%s%s] %3d%% %d/%d runs, last started: %s | %s elapsed, ETA %s   ",
                "#".repeat(filled),
                ".".repeat(30 - filled),
                percent,
                finished,
                runs,
                run,
                clock(seconds()),
                clock(remaining()));
        out.flush();
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds)) {
            return "--";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    synchronized void finish() {
        print(true);
        out.println();
    }
}
