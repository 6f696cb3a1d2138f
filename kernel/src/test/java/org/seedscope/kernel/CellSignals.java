package org.seedscope.kernel;

import java.util.concurrent.CountDownLatch;

/**
 * Lets test cells tell the test that they started, and stands in for toolkit code (compiled,
 * so not instrumented by JShell) that stops when its thread is interrupted.
 */
public final class CellSignals {
    /** Counted down by a test cell once it runs; replaced by each test. */
    public static volatile CountDownLatch started = new CountDownLatch(1);

    private CellSignals() {}

    /** Busy-waits until the calling thread is interrupted, like a training loop checking between batches. */
    public static void spinUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }
}
