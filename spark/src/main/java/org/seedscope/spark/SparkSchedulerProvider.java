package org.seedscope.spark;

import java.nio.file.Path;
import org.seedscope.study.CellScheduler;
import org.seedscope.study.SchedulerProvider;

/**
 * Plugs {@link SparkScheduler} into the command line's {@code run --spark MASTER} (registered in
 * {@code META-INF/services/org.seedscope.study.SchedulerProvider}).
 */
public final class SparkSchedulerProvider implements SchedulerProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public SparkSchedulerProvider() {
        // no state
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public CellScheduler open(String master, Path dataBase) {
        return SparkScheduler.on(master, dataBase);
    }
}
