package org.seedscope.study;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Receives a study's progress after every completed cell. The runner calls it from one thread at a
 * time (updates are serialised), in increasing order of {@code done}.
 */
@FunctionalInterface
public interface Progress {

    /**
     * @param done cells done (including those recovered from an earlier run)
     * @param total cells planned
     * @param elapsed time since this run started
     * @param remaining estimated time left (from this run's pace), or null before the first cell
     */
    void update(int done, int total, Duration elapsed, Duration remaining);

    /** @return a listener that ignores progress */
    static Progress silent() {
        return (done, total, elapsed, remaining) -> {};
    }

    /**
     * A one-line progress bar: redrawn in place on a terminal, otherwise printed at every 10 %.
     *
     * @param out where to print (usually standard error)
     * @param terminal true to redraw in place with carriage returns
     * @return the listener
     */
    static Progress bar(PrintStream out, boolean terminal) {
        java.util.concurrent.atomic.AtomicInteger lastDecile = new java.util.concurrent.atomic.AtomicInteger(-1);
        return (done, total, elapsed, remaining) -> {
            int decile = total == 0 ? 10 : (int) ((long) done * 10 / total);
            if (!terminal && lastDecile.getAndSet(decile) == decile && done != total) {
                return;
            }
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) done * width / total);
            String line = String.format("[%s%s] %d/%d cells  elapsed %s  eta %s", "#".repeat(filled),
                    ".".repeat(width - filled), done, total, format(elapsed), remaining == null ? "?" : format(remaining));
            out.print(terminal ? "\r" + line + (done == total ? "\n" : "") : line + "\n");
            out.flush();
        };
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
