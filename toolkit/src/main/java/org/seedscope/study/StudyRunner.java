package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.Version;
import org.seedscope.data.Dataset;
import org.seedscope.data.ForgetSpec;
import org.seedscope.data.Split;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Model;
import org.seedscope.metrics.EvaluationSets;
import org.seedscope.metrics.MetricSet;
import org.seedscope.metrics.ModelOutputs;
import org.seedscope.data.Examples;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;
import org.seedscope.tribuo.LogisticRegression;
import org.seedscope.unlearn.Amnesiac;
import org.seedscope.unlearn.AmnesiacRecorder;
import org.seedscope.unlearn.AmnesiacRecording;
import org.seedscope.train.TrainingDiverged;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;
import tech.tablesaw.api.Table;

/**
 * Runs a study: for every cell of the {@link SeedPlan}, the original of its (scenario, training
 * seed) — trained once and cached —, the Retrain of its (scenario, training seed, unlearning seed)
 * — trained once and cached —, the method, and the metrics (also against that Retrain). Cells run
 * in parallel over a fixed number of workers, each ONNX Runtime session using one thread, so the
 * machine is not oversubscribed; every cell's result depends only on its seeds, never on
 * scheduling. Each finished cell is appended durably to the {@link ResultStore}; a rerun in the
 * same folder skips finished cells, so an interrupted or killed study resumes without losing or
 * duplicating rows.
 *
 * <p>With the {@code tribuo-lr} family, originals and Retrain are Tribuo logistic regressions
 * (Tribuo's default settings, seeded by s_t and s_u), converted to linear engine models so that every
 * method and metric applies unchanged.
 *
 * <p>Every check of the spec (data set, classes, forget sets, methods, metrics, output folder) is
 * made by {@link #of} before any training starts.
 *
 * <p>Reproducibility: all columns are bit-identical for the same spec except the measured times
 * {@code runtime_s}, {@code retrain_runtime_s} and {@code speedup}.
 */
public final class StudyRunner {
    /** Measured columns, excluded from bit-identity guarantees. */
    public static final List<String> TIMING_COLUMNS = List.of("runtime_s", "retrain_runtime_s", "speedup");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudySpec spec;
    private final Dataset data;
    private final MethodRegistry registry;
    private final MetricSet metricSet;
    private final Map<String, Scenario> scenarios;
    private final int workers;
    private final Progress progress;
    private final Path cacheDir;
    private final Duration budget;

    /**
     * One forget scenario, with the content hashes of its training and retain sets computed once
     * (they key the model cache).
     */
    private record Scenario(String id, Split split, EvaluationSets sets, Architecture arch, String trainHash,
            String retainHash) {}

    /** Retrain outputs of the last few (scenario, unlearning seed)s: consecutive cells share them. */
    private final Map<String, ModelOutputs> retrainOutputs = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ModelOutputs> eldest) {
            return size() > 2 * workers;
        }
    };

    private StudyRunner(StudySpec spec, Dataset data, MethodRegistry registry, MetricSet metricSet,
            Map<String, Scenario> scenarios, int workers, Progress progress, Path cacheDir, Duration budget) {
        this.spec = spec;
        this.data = data;
        this.registry = registry;
        this.metricSet = metricSet;
        this.scenarios = scenarios;
        this.workers = workers;
        this.progress = progress;
        this.cacheDir = cacheDir;
        this.budget = budget;
    }

    /**
     * Validates a study completely before anything is trained.
     *
     * @param spec the spec
     * @param data the data set the spec's {@code dataset} field resolved to
     * @param registry where method ids are looked up
     * @return a runner with one worker per available processor, a silent progress listener and
     *     the cache inside the output folder
     */
    public static StudyRunner of(StudySpec spec, Dataset data, MethodRegistry registry) {
        for (String m : spec.methods()) {
            registry.get(m);
        }
        MetricSet metrics = spec.metrics().isEmpty() ? MetricSet.all() : MetricSet.of(spec.metrics());
        if (metrics.needsRetrain() && !registry.ids().contains("retrain")) {
            throw new IllegalArgumentException("the metrics compare with Retrain but the method registry has no "
                    + "'retrain'");
        }
        new EngineOptions(spec.device(), 1, false);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (String id : spec.forget()) {
            Split split = ForgetSpec.parse(id).split(data);
            EvaluationSets sets = new EvaluationSets(split.retainTrain(), split.forgetTrain(), split.test(),
                    split.retainTest(), split.forgetTest());
            Architecture arch = spec.model().architecture(data.features(), split.classNames().size());
            scenarios.put(id, new Scenario(id, split, sets, arch, ModelCache.hash(split.train()),
                    ModelCache.hash(split.retainTrain())));
        }
        return new StudyRunner(spec, data, registry, metrics, scenarios,
                Math.max(1, Runtime.getRuntime().availableProcessors()), Progress.silent(), null, null);
    }

    /**
     * @param n number of cells run at once, at least 1
     * @return a copy using that many workers
     */
    public StudyRunner withWorkers(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + n);
        }
        return new StudyRunner(spec, data, registry, metricSet, scenarios, n, progress, cacheDir, budget);
    }

    /**
     * @param listener progress listener
     * @return a copy reporting to it
     */
    public StudyRunner withProgress(Progress listener) {
        return new StudyRunner(spec, data, registry, metricSet, scenarios, workers, listener, cacheDir, budget);
    }

    /**
     * @param dir folder of the model cache (may be shared between studies)
     * @return a copy using it
     */
    public StudyRunner withCache(Path dir) {
        return new StudyRunner(spec, data, registry, metricSet, scenarios, workers, progress, dir, budget);
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
        return new StudyRunner(spec, data, registry, metricSet, scenarios, workers, progress, cacheDir, limit);
    }

    /** @return the plan this runner executes */
    public SeedPlan plan() {
        return SeedPlan.of(spec);
    }

    /**
     * Runs (or resumes) the study in {@code out}: rows go to {@code out/rows.jsonl}, the finished
     * table to {@code out/results.csv}.
     *
     * @param out the output folder
     * @return the result
     * @throws CancellationException when the calling thread is interrupted; finished cells are kept
     */
    public StudyResult run(Path out) {
        checkWritable(out);
        SeedPlan plan = plan();
        Path cache = cacheDir != null ? cacheDir : out.resolve("cache");
        ModelCache models = new ModelCache(cache);
        long start = System.nanoTime();
        try (ResultStore store = ResultStore.open(out, SpecFiles.toJson(spec, data.provenance().sha256()));
                Engine engine = Engine.create(new EngineOptions(spec.device(), 1, false))) {
            List<Cell> todo = plan.cells().stream().filter(c -> !store.contains(c.key())).toList();
            int before = plan.size() - todo.size();
            AtomicInteger done = new AtomicInteger(before);
            progress.update(before, plan.size(), Duration.ZERO, null);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "seedscope-cell");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Cell cell : todo) {
                    futures.add(pool.submit(() -> {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("study interrupted");
                        }
                        store.append(runCell(cell, engine, models));
                        int d = done.incrementAndGet();
                        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                        int ran = d - before;
                        Duration eta = elapsed.multipliedBy(plan.size() - d).dividedBy(Math.max(1, ran));
                        progress.update(d, plan.size(), elapsed, eta);
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new CancellationException("study interrupted; " + store.size() + " of " + plan.size()
                        + " cells are saved in " + out + " and a rerun resumes from there");
            } catch (ExecutionException e) {
                pool.shutdownNow();
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("a study cell failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            Table table = store.table(spec.name());
            ResultStore.writeCsv(table, out.resolve("results.csv"));
            return new StudyResult(spec, table, out, models.hits(), models.misses());
        }
    }

    private Map<String, Object> runCell(Cell cell, Engine engine, ModelCache models) {
        Scenario s = scenarios.get(cell.scenario());
        UnlearningMethod method = registry.get(cell.method());
        Model original = original(s, cell.trainSeed(), engine, models);
        Model retrain = retrain(s, original, cell.unlearnSeed(), engine, models);
        double retrainSeconds = Double.parseDouble(retrain.provenance().getOrDefault("train_seconds", "NaN"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", cell.key());
        row.put("cell", cell.index());
        row.put("protocol", cell.protocol().id());
        row.put("scenario", cell.scenario());
        row.put("method", cell.method());
        row.put("i", cell.i());
        row.put("j", cell.j());
        row.put("train_seed", cell.trainSeed());
        row.put("unlearn_seed", cell.unlearnSeed());
        row.put("eval_seed", cell.evalSeed());
        Model result;
        double seconds;
        String status = "ok";
        String reason = "";
        if (cell.method().equals("retrain")) {
            result = retrain;
            seconds = retrainSeconds;
        } else {
            long t0 = System.nanoTime();
            Model unlearned;
            try {
                UnlearningContext ctx = context(s, cell.unlearnSeed(), engine);
                if (method instanceof Amnesiac) {
                    ctx = ctx.withAmnesiacRecording(recording(s, cell.trainSeed(), engine, models));
                }
                unlearned = unlearnWithin(method, original, ctx.withBudget(budget));
            } catch (TrainingDiverged | IllegalArgumentException | BudgetExceeded e) {
                unlearned = null;
                status = "failed";
                reason = e.getMessage();
            }
            result = unlearned;
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        row.put("status", status);
        row.put("reason", reason);
        if (result != null) {
            Map<String, Double> values = metricSet.compute(engine, ModelOutputs.of(engine, result, s.sets()),
                    metricSet.needsRetrain() ? retrainOutputs(s, cell.unlearnSeed(), retrain, engine) : null,
                    cell.evalSeed());
            values.forEach((k, v) -> row.put(k, Double.isFinite(v) ? v : null));
        }
        row.put("runtime_s", seconds);
        row.put("retrain_runtime_s", retrainSeconds);
        row.put("speedup", result == null ? null : retrainSeconds / Math.max(seconds, 1e-9));
        row.put("deterministic", method.deterministic());
        row.put("hyperparameters", json(method.hyperparameters()));
        row.put("dataset", data.name());
        row.put("dataset_sha256", data.provenance().sha256());
        row.put("preprocessing", data.provenance().preprocessing());
        row.put("model", s.arch().toString());
        row.put("training", spec.training().toString());
        row.put("toolkit", Version.toolkit());
        row.put("engine", engine.describe());
        row.put("device", engine.device());
        row.put("java", System.getProperty("java.version"));
        row.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return row;
    }

    /** A run stopped because it used up its time budget. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(Duration budget) {
            super("stopped: the time budget of " + budget.toMillis() / 1000.0 + " s ran out");
        }
    }

    private static Model unlearnWithin(UnlearningMethod method, Model original, UnlearningContext ctx) {
        if (ctx.budget() == null) {
            return method.unlearn(original, ctx);
        }
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seedscope-budgeted-run");
            t.setDaemon(true);
            return t;
        });
        Future<Model> run = one.submit(() -> method.unlearn(original, ctx));
        try {
            return run.get(ctx.budget().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            run.cancel(true);
            throw new BudgetExceeded(ctx.budget());
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("study interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(method.name() + " failed", e.getCause());
        } finally {
            one.shutdownNow();
        }
    }

    private UnlearningContext context(Scenario s, long seed, Engine engine) {
        return new UnlearningContext(s.split().retainTrain(), s.split().forgetTrain(), seed, engine, spec.training());
    }

    private String originalKey(Scenario s, long trainSeed, Engine engine) {
        return ModelCache.key("original|" + spec.family() + "|" + s.arch() + "|" + spec.training() + "|seed=" + trainSeed + "|"
                + Version.toolkit() + "|" + engine.describe().replaceAll(" x\\d+$", ""), s.trainHash());
    }

    /**
     * Trains an original exactly as {@link Trainer#fit} does, and, when the study runs Amnesiac,
     * records the updates of the batches touching the scenario's forget rows on the way (the
     * recorder only reads the model, so the parameters are the same either way).
     */
    private Model trainOriginal(Scenario s, long trainSeed, Engine engine, ModelCache models) {
        Examples train = s.split().train();
        if (StudySpec.TRIBUO_LR.equals(spec.family())) {
            return tribuoFit(s, train, SeedPurpose.ORIGINAL_ORDER.derive(trainSeed));
        }
        Trainer trainer = new Trainer(engine, spec.training());
        if (!runsAmnesiac()) {
            return trainer.fit(s.arch(), train, trainSeed).model();
        }
        AmnesiacRecorder recorder = new AmnesiacRecorder(s.split().forgetRows(), train.size());
        Model m = trainer.train(Model.initialise(s.arch(), SeedPurpose.ORIGINAL_INIT.derive(trainSeed)), train,
                SeedPurpose.ORIGINAL_ORDER.derive(trainSeed), Losses.crossEntropy(train.y()), recorder).model();
        models.recording(recordingKey(s, trainSeed, engine), () -> recorder.recording(m));
        return m;
    }

    private boolean runsAmnesiac() {
        return spec.methods().stream().anyMatch(id -> registry.get(id) instanceof Amnesiac);
    }

    private String recordingKey(Scenario s, long trainSeed, Engine engine) {
        return originalKey(s, trainSeed, engine) + "-" + s.id().replaceAll("[^A-Za-z0-9]", "_");
    }

    private Model tribuoFit(Scenario s, Examples data, long seed) {
        return LogisticRegression.withDefaults().fit(data, s.split().classNames(), seed).linear()
                .toModel(java.util.Map.of("family", StudySpec.TRIBUO_LR));
    }

    private AmnesiacRecording recording(Scenario s, long trainSeed, Engine engine, ModelCache models) {
        if (StudySpec.TRIBUO_LR.equals(spec.family())) {
            throw new IllegalArgumentException("amnesiac needs updates recorded while the engine trains the original; "
                    + "the " + StudySpec.TRIBUO_LR + " family is trained by Tribuo");
        }
        return models.recording(recordingKey(s, trainSeed, engine), () -> {
            AmnesiacRecorder recorder = new AmnesiacRecorder(s.split().forgetRows(), s.split().train().size());
            Model m = new Trainer(engine, spec.training()).train(Model.initialise(s.arch(), SeedPurpose.ORIGINAL_INIT.derive(trainSeed)),
                    s.split().train(), SeedPurpose.ORIGINAL_ORDER.derive(trainSeed), Losses.crossEntropy(s.split().train().y()),
                    recorder).model();
            return recorder.recording(m);
        });
    }

    private Model original(Scenario s, long trainSeed, Engine engine, ModelCache models) {
        return models.get(originalKey(s, trainSeed, engine), () -> {
            long t0 = System.nanoTime();
            Model m = trainOriginal(s, trainSeed, engine, models);
            return m.withProvenance("role", "original").withProvenance("train_seed", Long.toString(trainSeed))
                    .withProvenance("train_seconds", Double.toString((System.nanoTime() - t0) / 1e9));
        });
    }

    private ModelOutputs retrainOutputs(Scenario s, long unlearnSeed, Model retrain, Engine engine) {
        String key = s.id() + "|" + unlearnSeed;
        synchronized (retrainOutputs) {
            ModelOutputs cached = retrainOutputs.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ModelOutputs outputs = ModelOutputs.of(engine, retrain, s.sets());
        synchronized (retrainOutputs) {
            retrainOutputs.put(key, outputs);
        }
        return outputs;
    }

    private String retrainKey(Scenario s, long unlearnSeed, Engine engine) {
        return ModelCache.key("retrain|" + spec.family() + "|" + s.arch() + "|" + spec.training() + "|"
                + json(registry.get("retrain").hyperparameters()) + "|seed=" + unlearnSeed + "|" + Version.toolkit()
                + "|" + engine.describe().replaceAll(" x\\d+$", ""), s.retainHash());
    }

    private Model retrain(Scenario s, Model original, long unlearnSeed, Engine engine, ModelCache models) {
        UnlearningMethod retrain = registry.get("retrain");
        return models.get(retrainKey(s, unlearnSeed, engine), () -> {
            long t0 = System.nanoTime();
            Model m = StudySpec.TRIBUO_LR.equals(spec.family()) ? tribuoFit(s, s.split().retainTrain(), SeedPurpose.RETRAIN_ORDER.derive(unlearnSeed))
                    : retrain.unlearn(original, context(s, unlearnSeed, engine));
            return m.withProvenance("role", "retrain").withProvenance("unlearn_seed", Long.toString(unlearnSeed))
                    .withProvenance("train_seconds", Double.toString((System.nanoTime() - t0) / 1e9));
        });
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write hyperparameters as JSON: " + map, e);
        }
    }

    private static void checkWritable(Path out) {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UncheckedIOException(new IOException("output folder " + out + " cannot be written: "
                    + e.getMessage(), e));
        }
    }
}
