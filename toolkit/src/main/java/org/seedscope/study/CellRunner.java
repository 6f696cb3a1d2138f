package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.seedscope.Version;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.metrics.ModelOutputs;
import org.seedscope.results.ResultRow;
import org.seedscope.results.ResultSchema;
import org.seedscope.study.StudySetup.ResolvedMethod;
import org.seedscope.study.StudySetup.Scenario;
import org.seedscope.train.TrainingDiverged;
import org.seedscope.unlearn.Amnesiac;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * Runs one cell: its original and Retrain (from {@link StudyModels}), the method, the metrics
 * (also against the Retrain), and makes the typed row with its provenance. Failures become
 * {@code failed} rows with the reason: a method that diverges, collapses, rejects its input or
 * runs out of its time budget; an original or Retrain that could not be made; a metric that is
 * not finite.
 */
final class CellRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudySetup setup;
    private final Engine engine;
    private final StudyModels models;
    private final Duration budget;
    private final RetrainOutputs retrainOutputs;

    CellRunner(StudySetup setup, Engine engine, StudyModels models, Duration budget, int workers) {
        this.setup = setup;
        this.engine = engine;
        this.models = models;
        this.budget = budget;
        this.retrainOutputs = new RetrainOutputs(2 * workers);
    }

    /** @return where the cell runner gets its originals and Retrains */
    StudyModels models() {
        return models;
    }

    /**
     * @param cell the cell
     * @return its row, with the per-example outputs of both models when the row is ok and the
     *     study stores outputs
     * @throws CancellationException when the thread was interrupted
     */
    CellResult run(Cell cell) {
        Scenario s = setup.scenarios().get(cell.scenario());
        ResolvedMethod resolved = setup.method(cell.method());
        UnlearningMethod method = resolved.method();
        Model original;
        Model retrain;
        try {
            original = models.original(s, cell.trainSeed());
            retrain = models.retrain(s, original, cell.unlearnSeed());
        } catch (StudyModels.Unavailable e) {
            return new CellResult(row(cell, resolved, e.getMessage(), Map.of(), Double.NaN, Double.NaN, null, ""), null,
                    null);
        }
        double retrainSeconds = Double.parseDouble(retrain.provenance().getOrDefault("train_seconds", "NaN"));
        Model result;
        double seconds;
        String failure = null;
        if (method == setup.retrain() && cell.method().equals(StudySetup.RETRAIN)) {
            result = retrain;
            seconds = retrainSeconds;
        } else {
            long t0 = System.nanoTime();
            Model unlearned = null;
            try {
                UnlearningContext ctx = models.context(s, cell.unlearnSeed());
                if (method.base() instanceof Amnesiac) {
                    ctx = ctx.withAmnesiacRecording(models.recording(s, cell.trainSeed()));
                }
                unlearned = unlearnWithin(method, original, ctx.withBudget(budget));
            } catch (TrainingDiverged | IllegalArgumentException | BudgetExceeded e) {
                failure = cell.method() + ": " + e.getMessage();
            }
            result = unlearned;
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        if (result == null) {
            return new CellResult(row(cell, resolved, failure, Map.of(), seconds, retrainSeconds, null, ""), null, null);
        }
        ModelOutputs outputs = ModelOutputs.of(engine, result, s.sets());
        Optional<String> collapse = Collapse.of(result, outputs.retainTrain(), s.sets().retainTrain().y());
        if (collapse.isPresent()) {
            return new CellResult(row(cell, resolved, cell.method() + " collapsed: " + collapse.get(), Map.of(), seconds,
                    retrainSeconds, null, result.parameters().sha256()), null, null);
        }
        ModelOutputs reference = setup.metricSet().needsRetrain() ? retrainOutputs.get(s.id() + "|" + cell.unlearnSeed(),
                () -> ModelOutputs.of(engine, retrain, s.sets())) : null;
        Map<String, Double> values = setup.metricSet().compute(engine, outputs, reference, cell.evalSeed());
        String selected = result.provenance().get("selected");
        ResultRow row = row(cell, resolved, null, values, seconds, retrainSeconds,
                selected == null ? null : Long.valueOf(selected), result.parameters().sha256());
        if (!row.ok() || setup.spec().auditSample() == 0) {
            return new CellResult(row, null, null);
        }
        ModelOutputs retrainAll = reference != null ? reference : ModelOutputs.of(engine, retrain, s.sets());
        return new CellResult(row, auditOutputs(s, outputs), auditOutputs(s, retrainAll));
    }

    /** The audit's per-example outputs from predictions already made: every forget example, the test sample. */
    private static ExampleOutputs auditOutputs(Scenario s, ModelOutputs o) {
        int[] forgetIds = s.split().forgetRows();
        double[] forget = ExampleOutputs.confidences(o.forgetTrain(), s.sets().forgetTrain().y());
        double[] test = ExampleOutputs.confidences(o.test(), s.sets().test().y());
        float[] sample = new float[s.auditTest().length];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (float) test[s.auditTest()[i]];
        }
        float[] f = new float[forget.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) forget[i];
        }
        return new ExampleOutputs(forgetIds, f, s.auditTest(), sample);
    }

    private ResultRow row(Cell cell, ResolvedMethod m, String failure, Map<String, Double> metrics, double seconds,
            double retrainSeconds, Long selected, String sha) {
        Scenario s = setup.scenarios().get(cell.scenario());
        ResultRow.CellId id = new ResultRow.CellId(cell.index(), cell.protocol().id(), cell.scenario(), cell.method(),
                m.spec().id(), cell.i(), cell.j(), cell.trainSeed(), cell.unlearnSeed(), cell.evalSeed());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ResultSchema.DETERMINISTIC.name(), m.method().deterministic());
        p.put(ResultSchema.HYPERPARAMETERS.name(), json(m.method().hyperparameters()));
        p.put(ResultSchema.DATASET.name(), setup.data().name());
        p.put(ResultSchema.DATASET_SHA256.name(), setup.data().provenance().sha256());
        p.put(ResultSchema.PREPROCESSING.name(), setup.data().provenance().preprocessing());
        p.put(ResultSchema.MODEL.name(), s.arch().toString());
        p.put(ResultSchema.ORIGINAL.name(), setup.spec().model() instanceof OnnxFamily onnx
                ? onnx.originalSource(cell.trainSeed()).orElse(trainedBy(cell)) : trainedBy(cell));
        p.put(ResultSchema.TRAINING.name(), setup.spec().training().toString());
        p.put(ResultSchema.SPEC_SHA256.name(), setup.specSha256());
        p.put(ResultSchema.TOOLKIT.name(), Version.describe());
        p.put(ResultSchema.ENGINE.name(), engine.describe());
        p.put(ResultSchema.DEVICE.name(), engine.device());
        p.put(ResultSchema.JAVA.name(), System.getProperty("java.version"));
        p.put(ResultSchema.OS.name(), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return ResultRow.of(cell.key(), id, failure, metrics, seconds, retrainSeconds, selected, sha, p);
    }

    private String trainedBy(Cell cell) {
        return "trained by " + setup.spec().model().id() + " from training seed " + cell.trainSeed();
    }

    /** A run stopped because it used up its time budget. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(Duration budget) {
            super("stopped: the time budget of " + budget.toMillis() / 1000.0 + " s ran out");
        }
    }

    /**
     * Runs a method, within its budget when there is one. A run over budget is interrupted and
     * waited for (it stops at its next training step), so it never outlives the cell inside ONNX
     * Runtime.
     */
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
            return run.get(ctx.budget().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BudgetExceeded(ctx.budget());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("study interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(method.name() + " failed", e.getCause());
        } finally {
            run.cancel(true);
            one.shutdownNow();
            LocalScheduler.awaitQuietly(one);
        }
    }

    private static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write hyperparameters as JSON: " + map, e);
        }
    }
}
