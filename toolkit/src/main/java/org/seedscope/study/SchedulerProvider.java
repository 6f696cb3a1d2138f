package org.seedscope.study;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Makes {@link CellScheduler}s for a cluster engine that lives in a module the toolkit does not
 * depend on (the {@code spark} module). The module registers an implementation in
 * {@code META-INF/services/org.seedscope.study.SchedulerProvider}; the command line looks it up with
 * {@link #find} only when its option (e.g. {@code run --spark MASTER}) is given, so the toolkit never
 * links the engine's classes.
 */
public interface SchedulerProvider {

    /** @return the engine's name, as the command line's option names it (e.g. {@code spark}) */
    String name();

    /**
     * @param master where the engine runs the cells (for Spark: {@code local[N]}, {@code spark://host:port},
     *     anything {@code spark-submit --master} accepts)
     * @param dataBase the folder that relative data paths of the spec resolve against; every executor
     *     must see it under the same path
     * @return the scheduler
     * @throws IllegalArgumentException when {@code master} is not a form the engine accepts
     */
    CellScheduler open(String master, Path dataBase);

    /**
     * @param name an engine name, e.g. {@code spark}
     * @return the provider of that engine on the class path (found through the context class loader)
     * @throws IllegalStateException when no such provider is on the class path
     */
    static SchedulerProvider find(String name) {
        for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalStateException("--" + name + " needs the seedscope-" + name + " module on the class path: "
                + "run the command through ./seedscope, which adds " + name + "/target when --" + name
                + " is given, or through spark-submit as the README's Spark section shows");
    }
}
