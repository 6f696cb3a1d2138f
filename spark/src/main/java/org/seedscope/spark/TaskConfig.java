package org.seedscope.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import org.seedscope.study.StudyWork;

/**
 * What every task of one study carries to its executor to rebuild the study's work there
 * ({@link StudyWork#open}): the canonical spec and the folders as every executor sees them.
 *
 * @param specJson the canonical spec
 * @param specSha256 its identity, checked against the work rebuilt on the executor
 * @param dataBase folder that relative data paths of the spec resolve against
 * @param cacheDir the shared model cache
 * @param budgetNanos per-method time budget in nanoseconds, or 0 for none
 * @param hook called before each cell of a task (tests inject failures with it)
 */
record TaskConfig(String specJson, String specSha256, String dataBase, String cacheDir, long budgetNanos,
        TaskHook hook) implements Serializable {

    /** @return the key under which an executor keeps the work of this study open */
    String key() {
        return specSha256 + "|" + cacheDir + "|" + dataBase + "|" + budgetNanos;
    }

    /** @return the work of this study, opened on the calling executor */
    StudyWork open() {
        StudyWork work = StudyWork.open(specJson, Path.of(dataBase), Path.of(cacheDir),
                budgetNanos == 0 ? null : Duration.ofNanos(budgetNanos),
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                w -> System.err.println("seedscope executor: " + w));
        if (!work.specSha256().equals(specSha256)) {
            String found = work.specSha256();
            work.close();
            throw new IllegalStateException("the study rebuilt on this executor has spec identity " + found
                    + " but the driver's is " + specSha256 + ": executors must read the same data as the driver (dataset "
                    + "files under " + dataBase + ") with the same toolkit build");
        }
        return work;
    }

    /** Called on the executor before each cell a task handles. */
    @FunctionalInterface
    interface TaskHook extends Serializable {
        /** A hook that does nothing. */
        TaskHook NONE = (cell, attempt) -> {};

        /**
         * @param cell the cell's position in the plan
         * @param attempt the task's attempt number, 0 for the first
         */
        void beforeCell(int cell, int attempt);
    }
}
