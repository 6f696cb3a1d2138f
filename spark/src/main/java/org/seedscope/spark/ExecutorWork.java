package org.seedscope.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.seedscope.study.StudyWork;

/**
 * The studies open in this JVM, one {@link StudyWork} per study, shared by every task the JVM runs
 * for it, so data are loaded and models memoised once per executor rather than once per task.
 *
 * <p>This is the one piece of static state of the module, and it has to be: Spark gives a task no
 * other way to reach an object that outlives it on its executor. It holds nothing a row depends on
 * (a work rebuilt from the same spec gives the same rows). An executor JVM ends with its Spark
 * application; in local mode the executors are threads of the driver, which {@link #retire}s the
 * study when it has finished, and the work is closed once the last task using it has left.
 */
final class ExecutorWork {
    private static final Map<String, Entry> OPEN = new HashMap<>();

    private ExecutorWork() {}

    /** One study's work and the tasks using it. */
    private static final class Entry {
        private StudyWork work;
        private int users;
        private boolean retired;

        synchronized StudyWork work(TaskConfig config) {
            if (work == null) {
                work = config.open();
            }
            return work;
        }

        synchronized void closeWork() {
            if (work != null) {
                work.close();
                work = null;
            }
        }
    }

    /**
     * Runs a task body with the study's work, opening it on first use in this JVM.
     *
     * @param config the study
     * @param body what the task does
     * @param <T> what it returns
     * @return its result
     */
    static <T> T with(TaskConfig config, Function<StudyWork, T> body) {
        Entry e;
        synchronized (OPEN) {
            e = OPEN.computeIfAbsent(config.key(), k -> new Entry());
            e.users++;
        }
        try {
            return body.apply(e.work(config));
        } finally {
            boolean close;
            synchronized (OPEN) {
                e.users--;
                close = e.retired && e.users == 0;
            }
            if (close) {
                e.closeWork();
            }
        }
    }

    /**
     * Forgets a study in this JVM: its work is closed now, or by the last task still using it.
     *
     * @param key the study's {@link TaskConfig#key()}
     */
    static void retire(String key) {
        Entry e;
        boolean close;
        synchronized (OPEN) {
            e = OPEN.remove(key);
            if (e == null) {
                return;
            }
            e.retired = true;
            close = e.users == 0;
        }
        if (close) {
            e.closeWork();
        }
    }

    /** @return how many studies are open in this JVM (for tests) */
    static int openStudies() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }
}
