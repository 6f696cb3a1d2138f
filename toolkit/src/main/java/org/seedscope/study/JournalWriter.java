package org.seedscope.study;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one thread that writes a run's journal and outputs. Workers and schedulers hand results to
 * it instead of writing themselves: a file channel written by a thread that gets interrupted (a
 * study being stopped) is closed by the JDK, which would lose the journal for the rest of the run.
 * Nobody interrupts this thread; {@link #drain()} waits until everything handed over is written.
 */
final class JournalWriter implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seedscope-journal");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** @param write appends something; runs on the writer thread, in hand-over order */
    void submit(Runnable write) {
        thread.execute(() -> {
            if (failure.get() != null) {
                return;
            }
            try {
                write.run();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /**
     * Waits until every write handed over so far is done (even if the caller is interrupted; the
     * flag is restored).
     *
     * @throws RuntimeException the first write's failure, if any
     */
    void drain() {
        thread.shutdown();
        LocalScheduler.awaitQuietly(thread);
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        LocalScheduler.awaitQuietly(thread);
    }
}
