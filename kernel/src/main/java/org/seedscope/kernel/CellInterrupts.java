package org.seedscope.kernel;

import java.util.concurrent.CancellationException;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/**
 * The interrupt state of a session: which cell runs, what the worker is doing (which decides how
 * an interrupt is delivered) and whether an interrupt is pending.
 *
 * <p>{@link #interrupt()} repeats its attempt to stop the cell every {@value #RETRY_MILLIS} ms
 * (at most {@value #MAX_RETRIES} times) until the cell has ended, because a single attempt can
 * fall between two snippets or into the compilation of one, when there is no snippet code to stop
 * yet; the evaluator also {@link #check checks} for a pending interrupt between snippets. Attempts only ever reach
 * the cell that was running when the interrupt was asked for.
 */
final class CellInterrupts {
    /** What the worker is doing. */
    enum Phase { IDLE, SNIPPET, MAGIC }

    /** Pause between attempts to stop an interrupted cell. */
    static final long RETRY_MILLIS = 100;
    /** Attempts to stop an interrupted cell before giving up (the user may interrupt again). */
    static final int MAX_RETRIES = 100;

    private static final String CANCELLATION = CancellationException.class.getName();

    private final Object lock = new Object();
    private final Runnable stopSnippets;
    private final Runnable interruptWorker;
    private volatile Phase phase = Phase.IDLE;
    private volatile boolean requested;
    /** Number of the cell being evaluated, 0 when none; changed under {@link #lock}. */
    private volatile long runningCell;

    /**
     * @param stopSnippets    stops the code of a running snippet (called under this object's lock)
     * @param interruptWorker interrupts the worker while it runs a magic (likewise)
     */
    CellInterrupts(Runnable stopSnippets, Runnable interruptWorker) {
        this.stopSnippets = stopSnippets;
        this.interruptWorker = interruptWorker;
    }

    /** Marks cell {@code cell} (a number above 0) as running, with no interrupt pending. */
    void begin(long cell) {
        synchronized (lock) {
            requested = false;
            runningCell = cell;
        }
    }

    /** Marks that no cell runs; called on the worker thread. */
    void end() {
        synchronized (lock) {
            runningCell = 0;
        }
        setPhase(Phase.IDLE);
    }

    /**
     * Sets what the worker does; called on the worker thread. Going idle clears the worker's
     * interrupt flag: an interrupt aimed at a magic must not leak into JShell's compiler.
     */
    void setPhase(Phase next) {
        synchronized (lock) {
            phase = next;
            if (next == Phase.IDLE) {
                Thread.interrupted();
            }
        }
    }

    /**
     * @param cell   the running cell
     * @param offset where in it the evaluator is
     * @throws CellInterruptedException if an interrupt was asked for since the cell began
     */
    void check(CellSource cell, int offset) {
        check(cell, offset, null);
    }

    /**
     * @param cell   the running cell
     * @param offset where in it the evaluator is
     * @param thrown what the snippet just run threw, or null
     * @throws CellInterruptedException if an interrupt was asked for since the cell began; when
     *         {@code thrown} is the {@link CancellationException} with which library code reports
     *         that it stopped (a study says how many cells it saved), its message is added
     */
    void check(CellSource cell, int offset, JShellException thrown) {
        if (!requested) {
            return;
        }
        CellInterruptedException stopped = stopped(cell, offset);
        if (thrown instanceof EvalException e && CANCELLATION.equals(e.getExceptionClassName())
                && e.getMessage() != null) {
            throw new CellInterruptedException(stopped.getMessage() + "\n" + e.getMessage());
        }
        throw stopped;
    }

    /**
     * @return the report of a cell stopped while running the code at {@code offset} (or at the
     *         first code after it: a snippet's offset may point at the line break before it)
     */
    static CellInterruptedException stopped(CellSource cell, int offset) {
        String text = cell.text();
        int at = offset;
        while (at < text.length() - 1 && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        int line = cell.lineAt(at);
        return new CellInterruptedException("Interrupted: the cell was stopped while running the code from line "
                + line + " (" + cell.line(line).strip() + ").");
    }

    /** Stops the running cell, if any (see the class comment). Safe from any thread. */
    void interrupt() {
        long target;
        synchronized (lock) {
            target = runningCell;
            if (target == 0) {
                return;
            }
            requested = true;
        }
        Thread repeater = new Thread(() -> {
            try {
                for (int i = 0; i < MAX_RETRIES && deliver(target); i++) {
                    Thread.sleep(RETRY_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seedscope-interrupt");
        repeater.setDaemon(true);
        repeater.start();
    }

    /** @return whether cell {@code target} was still running, so the attempt was made */
    private boolean deliver(long target) {
        synchronized (lock) {
            if (runningCell != target) {
                return false;
            }
            if (phase == Phase.MAGIC) {
                interruptWorker.run();
            } else if (phase == Phase.SNIPPET) {
                stopSnippets.run();
            }
            return true;
        }
    }
}
