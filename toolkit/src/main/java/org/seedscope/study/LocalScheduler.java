package org.seedscope.study;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs cells on a fixed pool of threads of this JVM. Interrupting the caller interrupts the
 * workers (they stop at their next training step) and waits until every worker has left, so the
 * engine can be closed safely afterwards.
 *
 * @param workers threads, at least 1
 */
record LocalScheduler(int workers) implements CellScheduler {

    LocalScheduler {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    @Override
    public void run(StudyWork work, String specJson, List<Cell> cells, Consumer<CellResult> sink)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "seedscope-cell");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell cell : cells) {
                futures.add(pool.submit(() -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("study interrupted");
                    }
                    sink.accept(work.run(cell));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a study cell failed", e.getCause());
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    @Override
    public String describe() {
        return workers + (workers == 1 ? " thread" : " threads");
    }

    /**
     * Waits for an executor's threads to finish, even when the waiting thread is interrupted (the
     * flag is restored afterwards).
     *
     * @param pool a shut-down executor
     */
    static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.HOURS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
