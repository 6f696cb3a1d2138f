package org.seedscope.study;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a study's cells run: threads of this JVM ({@link #local(int)}, the default) or a cluster
 * (the {@code spark} module). Whatever runs them, the runner stays the only writer of the result
 * store: a scheduler hands every finished cell result to the sink, from any thread, and the runner appends
 * it once (a row for a cell already stored — a retried or speculative task — is dropped).
 */
public interface CellScheduler {

    /**
     * Runs cells and reports their rows. Returns when every cell has been reported or when the
     * calling thread is interrupted; in the latter case it stops its workers and waits for them
     * before returning.
     *
     * @param work the study's work (for a local scheduler; a cluster rebuilds it on its executors)
     * @param specJson the canonical spec, for schedulers that rebuild the work elsewhere
     * @param cells the cells still to run, in plan order
     * @param sink receives each finished cell's result
     * @throws InterruptedException when interrupted
     */
    void run(StudyWork work, String specJson, List<Cell> cells, Consumer<CellResult> sink) throws InterruptedException;

    /** @return a short description for progress lines, e.g. {@code 2 threads} */
    String describe();

    /**
     * @param workers threads, at least 1
     * @return a scheduler running cells on that many threads of this JVM
     */
    static CellScheduler local(int workers) {
        return new LocalScheduler(workers);
    }
}
