package org.seedscope.kernel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets test cells tell the test that they started, and stands in for toolkit code (compiled,
 * so not instrumented by JShell) that stops when its thread is interrupted.
 */
public final class CellSignals {
    /** Counted down by a test cell once it runs; replaced by each test. */
    public static volatile CountDownLatch started = new CountDownLatch(1);
    /** {@link ThreadDeath}s that reached {@link #runWorkerUntilInterrupted} or its worker. */
    public static final AtomicInteger THREAD_DEATHS = new AtomicInteger();
    /** Whether {@link #runWorkerUntilInterrupted} saw its worker end before it cleaned up. */
    public static volatile boolean workerEndedBeforeCleanup;

    /** How long the worker keeps going after its interrupt, like a long ONNX Runtime call. */
    private static final long WIND_DOWN_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private CellSignals() {}

    /** Busy-waits until the calling thread is interrupted, like a training loop checking between batches. */
    public static void spinUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }

    /**
     * Counts {@link #started} down, spins until interrupted, then reports that it stopped as the
     * study runner does.
     *
     * @throws CancellationException always, saying what was kept
     */
    public static void spinThenCancel() {
        started.countDown();
        spinUntilInterrupted();
        throw new CancellationException("study interrupted; 3 of 5 cells are saved and a rerun resumes from there");
    }

    /**
     * Stands in for a study run: starts a worker thread (in the caller's thread group, as a
     * study's pool does), counts {@link #started} down, spins until interrupted, then waits for the
     * worker to end — which takes {@link #WIND_DOWN_NANOS} after its own interrupt, without looking
     * at interrupts, as a worker finishing an ONNX Runtime call — and only then "closes the engine"
     * (sets {@link #workerEndedBeforeCleanup}). Every {@link ThreadDeath} it or its worker receive
     * is counted in {@link #THREAD_DEATHS} and rethrown.
     */
    public static void runWorkerUntilInterrupted() {
        Thread worker = new Thread(() -> countThreadDeath(() -> {
            spinUntilInterrupted();
            long end = System.nanoTime() + WIND_DOWN_NANOS;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }), "cell-signals-worker");
        worker.start();
        started.countDown();
        countThreadDeath(() -> {
            try {
                spinUntilInterrupted();
            } finally {
                worker.interrupt();
                boolean interrupted = false;
                while (worker.isAlive()) {
                    try {
                        worker.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                workerEndedBeforeCleanup = true;
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    private static void countThreadDeath(Runnable code) {
        try {
            code.run();
        } catch (ThreadDeath death) {
            THREAD_DEATHS.incrementAndGet();
            throw death;
        }
    }
}
