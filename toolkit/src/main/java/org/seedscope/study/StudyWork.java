package org.seedscope.study;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.seedscope.Version;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.MethodRegistry;

/**
 * Everything a worker needs to run cells of one study, and nothing that writes the result store:
 * the resolved study, an engine, the model cache and the cell runner. The local runner makes one
 * for its threads; a cluster executor makes its own from the canonical spec with {@link #open}, so
 * the same spec gives the same rows wherever a cell runs. Thread-safe; close it after the last
 * cell has returned.
 */
public final class StudyWork implements AutoCloseable {
    private final StudySetup setup;
    private final Engine engine;
    private final ModelCache cache;
    private final CellRunner runner;
    private final SeedPlan plan;
    private final Path cacheDir;
    private final Duration budget;

    StudyWork(StudySetup setup, Path cacheDir, Duration budget, int workers, String build, Consumer<String> warnings) {
        this.setup = setup;
        this.cacheDir = cacheDir;
        this.budget = budget;
        this.engine = Engine.create(new EngineOptions(setup.spec().device(), 1, false));
        this.cache = new ModelCache(cacheDir, warnings);
        this.runner = new CellRunner(setup, engine, new StudyModels(setup, engine, cache, build), budget, workers);
        this.plan = SeedPlan.of(setup.spec());
    }

    /**
     * Opens the work of a study on a cluster executor. The data are resolved from the spec (shipped
     * data sets from the toolkit, files from paths every executor can read); methods come from the
     * standard registry with {@code certified-removal} ({@link TribuoMethods#registry()}), so a
     * study run this way may only name methods a spec can express.
     *
     * @param specJson the canonical spec ({@link SpecFiles#toJson})
     * @param dataBase the folder relative data paths of the spec are resolved against
     * @param cacheDir the model cache, on a file system every executor shares
     * @param budget per-method time budget, or null
     * @param workers cells this executor runs at once (sizes a small in-memory cache)
     * @param warnings receives warnings of this executor
     * @return the work
     * @throws IllegalArgumentException when the spec is invalid on this executor (e.g. a data file it
     *     cannot read)
     */
    public static StudyWork open(String specJson, Path dataBase, Path cacheDir, Duration budget, int workers,
            Consumer<String> warnings) {
        StudySpec spec = SpecFiles.parse(specJson, false, "spec.json");
        StudySetup setup = StudySetup.of(spec, DatasetIds.resolve(spec, dataBase), TribuoMethods.registry());
        return new StudyWork(setup, cacheDir, budget, workers, Version.buildId(), warnings);
    }

    /** @return the spec's identity ({@link SpecFiles#sha256}); the driver checks rows against it */
    public String specSha256() {
        return setup.specSha256();
    }

    /** @return the model cache folder this work uses (a cluster's executors must share it) */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return the per-method time budget, or null for none */
    public Duration budget() {
        return budget;
    }

    /** @return the study's plan (the same on every machine for the same spec) */
    public SeedPlan plan() {
        return plan;
    }

    /**
     * Runs one cell of the plan.
     *
     * @param index the cell's position in {@link #plan()}
     * @return its row (and its per-example outputs when the study stores them)
     * @throws java.util.concurrent.CancellationException when the thread was interrupted
     */
    public CellResult run(int index) {
        return runner.run(plan.cells().get(index));
    }

    /**
     * Runs one cell.
     *
     * @param cell a cell of the plan
     * @return its result
     */
    CellResult run(Cell cell) {
        return runner.run(cell);
    }

    /**
     * Makes sure the original and the Retrain of a cell are in the cache (trained here if missing),
     * so cells can later run in any order without training them twice.
     *
     * @param index a cell's position in {@link #plan()}
     * @return true when both are available, false when one could not be made (its cells will fail
     *     with the reason)
     */
    public boolean prepareModels(int index) {
        Cell cell = plan.cells().get(index);
        StudySetup.Scenario s = setup.scenarios().get(cell.scenario());
        try {
            runner.models().retrain(s, runner.models().original(s, cell.trainSeed()), cell.unlearnSeed());
            return true;
        } catch (StudyModels.Unavailable e) {
            return false;
        }
    }

    /** @return models loaded from the cache and trained so far, as {hits, misses, repaired} */
    int[] cacheCounts() {
        return new int[] {cache.hits(), cache.misses(), cache.repaired()};
    }

    /** @return the indices of the plan's cells, in plan order */
    public List<Integer> cellIndices() {
        return java.util.stream.IntStream.range(0, plan.size()).boxed().toList();
    }

    /** Closes the engine; call only when no cell is running. */
    @Override
    public void close() {
        engine.close();
    }
}
