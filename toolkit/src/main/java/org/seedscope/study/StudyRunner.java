package org.seedscope.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.seedscope.Version;
import org.seedscope.data.Dataset;
import org.seedscope.files.AtomicFiles;
import org.seedscope.results.FolderLock;
import org.seedscope.results.ResultRow;
import org.seedscope.results.ResultStore;
import org.seedscope.results.ResultTables;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/**
 * Runs a study: for every cell of the {@link SeedPlan}, the original of its (scenario, training
 * seed) — trained once and cached —, the Retrain of its (scenario, unlearning seed) — trained once
 * and cached —, the method and the metrics (also against that Retrain). Cells run in parallel over
 * a fixed number of workers, each ONNX Runtime session single-threaded, and every cell's row
 * depends only on its seeds, never on scheduling. Each finished cell is appended durably to the
 * {@link ResultStore}; a rerun in the same folder skips finished cells, so an interrupted or killed
 * study resumes without losing, duplicating or silently reusing rows.
 *
 * <p>Before anything is trained or written, {@link #of} checks the whole spec and {@link #run}
 * counts the plan and refuses a study larger than its cell limit ({@link #withMaxCells}), naming
 * the estimate. The output folder is locked for the run ({@link FolderLock}). Stopping (thread
 * interrupt) makes the workers stop at their next training step; the runner waits for them to
 * leave ONNX Runtime before it closes the engine.
 *
 * <p>Reproducibility: all columns are bit-identical for the same spec except the measured ones
 * ({@link ResultTables#withoutMeasurements}).
 */
public final class StudyRunner {
    /** Default largest study {@link #run} starts without {@link #withMaxCells}. */
    public static final long DEFAULT_MAX_CELLS = 20_000;

    private final StudySetup setup;
    private final int workers;
    private final Progress progress;
    private final Path cacheDir;
    private final Duration budget;
    private final long maxCells;
    private final Consumer<String> warnings;
    private final String build;
    private final CellScheduler scheduler;
    /** What a model and a cell cost, measured on first use ({@link #estimate}). */
    private StepTimer.Costs costs;

    private StudyRunner(StudySetup setup, int workers, Progress progress, Path cacheDir, Duration budget, long maxCells,
            Consumer<String> warnings, String build, CellScheduler scheduler) {
        this.setup = setup;
        this.workers = workers;
        this.progress = progress;
        this.cacheDir = cacheDir;
        this.budget = budget;
        this.maxCells = maxCells;
        this.warnings = warnings;
        this.build = build;
        this.scheduler = scheduler;
    }

    /**
     * Validates a study completely before anything is trained.
     *
     * @param spec the spec
     * @param data the data set the spec's {@code dataset} field resolved to
     * @param registry where method ids are looked up
     * @return a runner with one worker per available processor, a silent progress listener,
     *     warnings on standard error and the cache inside the output folder
     * @throws IllegalArgumentException naming the field for any problem of the spec
     */
    public static StudyRunner of(StudySpec spec, Dataset data, MethodRegistry registry) {
        return new StudyRunner(StudySetup.of(spec, data, registry), Math.max(1, Runtime.getRuntime().availableProcessors()),
                Progress.silent(), null, null, DEFAULT_MAX_CELLS, w -> System.err.println("seedscope: " + w),
                Version.buildId(), null);
    }

    private StudyRunner with(int w, Progress p, Path c, Duration b, long m, Consumer<String> warn, String id) {
        return new StudyRunner(setup, w, p, c, b, m, warn, id, scheduler);
    }

    /**
     * @param cells where cells run instead of this JVM's threads (e.g. a Spark cluster); null for
     *     the local threads of {@link #withWorkers}
     * @return a copy using it
     */
    public StudyRunner withScheduler(CellScheduler cells) {
        return new StudyRunner(setup, workers, progress, cacheDir, budget, maxCells, warnings, build, cells);
    }

    /**
     * @param n number of cells run at once, at least 1
     * @return a copy using that many workers
     */
    public StudyRunner withWorkers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + n);
        }
        return with(n, progress, cacheDir, budget, maxCells, warnings, build);
    }

    /**
     * @param listener progress listener (called from one thread at a time)
     * @return a copy reporting to it
     */
    public StudyRunner withProgress(Progress listener) {
        return with(workers, listener, cacheDir, budget, maxCells, warnings, build);
    }

    /**
     * @param dir folder of the model cache (may be shared between studies and processes)
     * @return a copy using it
     */
    public StudyRunner withCache(Path dir) {
        return with(workers, progress, dir, budget, maxCells, warnings, build);
    }

    /**
     * @param limit the longest one unlearning run may take (null: no limit); a run that exceeds it
     *     is interrupted and recorded as failed, which makes that row depend on machine speed
     * @return a copy enforcing it
     */
    public StudyRunner withBudget(Duration limit) {
        if (limit != null && (limit.isNegative() || limit.isZero())) {
            throw new IllegalArgumentException("the time budget must be positive, got " + limit);
        }
        return with(workers, progress, cacheDir, limit, maxCells, warnings, build);
    }

    /**
     * @param limit the largest number of cells {@link #run} starts, at least 1
     * @return a copy with that limit
     */
    public StudyRunner withMaxCells(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("--max-cells must be at least 1, got " + limit);
        }
        return with(workers, progress, cacheDir, budget, limit, warnings, build);
    }

    /**
     * @param sink receives warnings (damaged cache entries, dropped journal lines, determinism
     *     violations), one line each
     * @return a copy reporting to it
     */
    public StudyRunner withWarnings(Consumer<String> sink) {
        return with(workers, progress, cacheDir, budget, maxCells, sink, build);
    }

    /** For tests: pretends to be another build, whose cache entries and journals differ. */
    StudyRunner withBuild(String id) {
        return with(workers, progress, cacheDir, budget, maxCells, warnings, id);
    }

    /** @return the plan this runner executes */
    public SeedPlan plan() {
        return SeedPlan.of(setup.spec());
    }

    /** @return the validated spec */
    public StudySpec spec() {
        return setup.spec();
    }

    /**
     * @return the study's cost: cells, models and a wall time from training steps and prediction
     *     passes timed on the first scenario (about a second, on this runner's first call only)
     */
    public synchronized StudyEstimate estimate() {
        if (costs == null) {
            costs = StepTimer.measure(setup);
        }
        return StudyEstimate.of(setup.spec(), distinctScenarios(s -> s.arch() + "|" + s.trainHash()),
                distinctScenarios(s -> s.arch() + "|" + s.retainHash()), costs, workers);
    }

    /** @return how many scenarios differ in {@code key} (those equal in it share their models) */
    private long distinctScenarios(java.util.function.Function<StudySetup.Scenario, String> key) {
        return setup.scenarios().values().stream().map(key).distinct().count();
    }

    /**
     * Runs (or resumes) the study in {@code out}: rows go to {@code out/rows.jsonl}, the finished
     * table to {@code out/results.csv}.
     *
     * @param out the output folder
     * @return the result
     * @throws IllegalArgumentException when the study is larger than the cell limit, or the folder
     *     holds another study's results or files a study did not write
     * @throws IllegalStateException when another process is writing the folder
     * @throws CancellationException when the calling thread is interrupted; finished cells are kept
     */
    public StudyResult run(Path out) {
        long cells = SeedPlan.count(setup.spec());
        if (cells > maxCells) {
            throw new IllegalArgumentException("the study plans " + estimate().describe() + ", more than the limit of "
                    + maxCells + " cells; check trainingSeeds/unlearningSeeds, or pass --max-cells " + cells
                    + " to run it anyway");
        }
        try (FolderLock lock = OutputFolder.prepare(out)) {
            return runLocked(out);
        }
    }

    private StudyResult runLocked(Path out) {
        Path specFile = out.resolve(SpecFiles.SPEC_JSON);
        String specJson = SpecFiles.toJson(setup.spec());
        ResultStore.StudyIdentity identity = new ResultStore.StudyIdentity(setup.specSha256(), build);
        List<String> runWarnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            synchronized (runWarnings) {
                runWarnings.add(w);
            }
            warnings.accept(w);
        };
        SeedPlan plan = plan();
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(out, identity, warn)) {
            if (!Files.exists(specFile)) {
                AtomicFiles.write(specFile, specJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            Path cache = cacheDir != null ? cacheDir : out.resolve("cache");
            List<Cell> todo = plan.cells().stream().filter(c -> !store.contains(c.key())).toList();
            int before = plan.size() - todo.size();
            synchronized (progress) {
                progress.update(before, plan.size(), Duration.ZERO, null);
            }
            CellScheduler cells = scheduler != null ? scheduler : CellScheduler.local(workers);
            AtomicInteger done = new AtomicInteger(before);
            int[] counts;
            CellTwins twins = CellTwins.of(todo);
            try (StudyWork work = new StudyWork(setup, cache, budget, workers, build, warn);
                    OutputStore outputs = setup.spec().auditSample() > 0 ? OutputStore.open(out) : null;
                    JournalWriter writer = new JournalWriter()) {
                try {
                    cells.run(work, specJson, twins.unique(), result -> writer.submit(() -> {
                        List<CellResult> all = new ArrayList<>(List.of(result));
                        twins.copiesOf(result.row().identity().cell()).forEach(t -> all.add(CellTwins.as(result, t)));
                        for (CellResult r : all) {
                            if (record(r, store, outputs)) {
                                int d = done.incrementAndGet();
                                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                                Duration eta = elapsed.multipliedBy(plan.size() - d).dividedBy(Math.max(1, d - before));
                                synchronized (progress) {
                                    progress.update(d, plan.size(), elapsed, eta);
                                }
                            }
                        }
                    }));
                } finally {
                    writer.drain();
                }
                counts = work.cacheCounts();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("study interrupted; " + store.size() + " of " + plan.size()
                        + " cells are saved in " + out + " and a rerun resumes from there");
            }
            DeterminismCheck.of(store.rows()).forEach(warn);
            Table table = ResultTables.of(setup.spec().name(), store.rows());
            ResultTables.writeCsv(table, out.resolve("results.csv"));
            return new StudyResult(setup.spec(), table, out, counts[0], counts[1], counts[2], List.copyOf(runWarnings));
        }
    }

    /** Writes one cell's outputs, then its row; false when the cell was already stored. */
    private static boolean record(CellResult r, ResultStore store, OutputStore outputs) {
        ResultRow row = r.row();
        if (store.contains(row.key())) {
            return false;
        }
        if (outputs != null && r.method() != null) {
            outputs.append(row.key(), OutputStore.Role.METHOD, r.method());
            outputs.append(row.key(), OutputStore.Role.RETRAIN, r.retrain());
        }
        store.append(row);
        return true;
    }
}
