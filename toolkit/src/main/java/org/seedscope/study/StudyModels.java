package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.seedscope.Version;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.study.StudySetup.Scenario;
import org.seedscope.train.TrainingDiverged;
import org.seedscope.unlearn.AmnesiacRecorder;
import org.seedscope.unlearn.AmnesiacRecording;
import org.seedscope.unlearn.UnlearningContext;

/**
 * The originals, Retrains and Amnesiac recordings of one study run, from the model cache or
 * trained. A model's cache key hashes its canonical description: role, model family, architecture,
 * the canonical training settings, seed, content hash of its training data, the toolkit's build id
 * and the ONNX Runtime version and device — never a version string or a {@code toString()}.
 *
 * <p>A model that cannot be made (training diverged, or it collapsed: see {@link Collapse}) is
 * remembered for the rest of the run, so every cell needing it fails at once with the same reason
 * instead of training it again.
 */
final class StudyModels {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudySetup setup;
    private final Engine engine;
    private final ModelCache cache;
    private final String build;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** A model that could not be made; its message says which and why. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * @param setup the study
     * @param engine the engine
     * @param cache the model cache
     * @param build the build id keys include ({@link Version#buildId()}, or another in tests)
     */
    StudyModels(StudySetup setup, Engine engine, ModelCache cache, String build) {
        this.setup = setup;
        this.engine = engine;
        this.cache = cache;
        this.build = build;
    }

    /**
     * @param s the scenario
     * @param trainSeed s_t
     * @return the original of that training seed
     * @throws Unavailable when it diverged or collapsed
     */
    Model original(Scenario s, long trainSeed) {
        String key = originalKey(s, trainSeed);
        String what = "original of training seed " + trainSeed;
        return available(key, what, () -> cache.get(key, () -> {
            long t0 = System.nanoTime();
            Model m = checked(what, trainOriginal(s, trainSeed), s);
            return m.withProvenance("role", "original").withProvenance("train_seed", Long.toString(trainSeed))
                    .withProvenance("train_seconds", Double.toString((System.nanoTime() - t0) / 1e9));
        }));
    }

    /**
     * @param s the scenario
     * @param original the cell's original
     * @param unlearnSeed s_u
     * @return the Retrain of that unlearning seed
     * @throws Unavailable when it diverged or collapsed
     */
    Model retrain(Scenario s, Model original, long unlearnSeed) {
        String key = ModelCache.key("retrain|" + common(s, s.retainHash()) + "|" + hyper(setup.retrain().hyperparameters())
                + "|seed=" + unlearnSeed);
        String what = "Retrain of unlearning seed " + unlearnSeed;
        return available(key, what, () -> cache.get(key, () -> {
            long t0 = System.nanoTime();
            Model m = checked(what, setup.spec().model().retrain(original, context(s, unlearnSeed), setup.retrain()), s);
            return m.withProvenance("role", "retrain").withProvenance("unlearn_seed", Long.toString(unlearnSeed))
                    .withProvenance("train_seconds", Double.toString((System.nanoTime() - t0) / 1e9));
        }));
    }

    /**
     * @param s the scenario
     * @param trainSeed s_t
     * @return what Amnesiac subtracts: the updates recorded while that original trained
     */
    AmnesiacRecording recording(Scenario s, long trainSeed) {
        return cache.recording(ModelCache.key("amnesiac|" + originalKey(s, trainSeed) + "|" + s.id()), () -> {
            AmnesiacRecorder recorder = new AmnesiacRecorder(s.split().forgetRows(), s.split().train().size());
            Model m = setup.spec().model().original(engine, setup.spec().training(), s.arch(), s.split().train(),
                    trainSeed, recorder);
            return recorder.recording(m);
        });
    }

    /**
     * @param s the scenario
     * @param unlearnSeed s_u
     * @return the unlearning context of a cell
     */
    UnlearningContext context(Scenario s, long unlearnSeed) {
        return new UnlearningContext(s.split().retainTrain(), s.split().forgetTrain(), unlearnSeed, engine,
                setup.spec().training());
    }

    private Model trainOriginal(Scenario s, long trainSeed) {
        if (!setup.recordsTraining() || !setup.spec().model().recordsTraining()) {
            return setup.spec().model().original(engine, setup.spec().training(), s.arch(), s.split().train(),
                    trainSeed, null);
        }
        AmnesiacRecorder recorder = new AmnesiacRecorder(s.split().forgetRows(), s.split().train().size());
        Model m = setup.spec().model().original(engine, setup.spec().training(), s.arch(), s.split().train(),
                trainSeed, recorder);
        cache.recording(ModelCache.key("amnesiac|" + originalKey(s, trainSeed) + "|" + s.id()),
                () -> recorder.recording(m));
        return m;
    }

    private Model checked(String what, Model m, Scenario s) {
        Optional<String> collapse = Collapse.of(m, engine.predict(m, s.split().retainTrain().x(),
                s.split().retainTrain().size()), s.split().retainTrain().y());
        if (collapse.isPresent()) {
            throw new Unavailable(what + " collapsed: " + collapse.get());
        }
        return m;
    }

    private Model available(String key, String what, Supplier<Model> make) {
        String failed = failures.get(key);
        if (failed != null) {
            throw new Unavailable(failed);
        }
        try {
            return make.get();
        } catch (TrainingDiverged e) {
            String message = what + " diverged: " + e.getMessage();
            failures.put(key, message);
            throw new Unavailable(message);
        } catch (Unavailable e) {
            failures.put(key, e.getMessage());
            throw e;
        }
    }

    private String originalKey(Scenario s, long trainSeed) {
        return ModelCache.key("original|" + common(s, s.trainHash()) + "|seed=" + trainSeed);
    }

    private String common(Scenario s, String dataHash) {
        return "family=" + setup.spec().model().id() + "|arch=" + s.arch() + "|training="
                + TrainingCodec.write(setup.spec().training()) + "|data=" + dataHash + "|build=" + build + "|engine="
                + engine.describe().replaceAll(" x\\d+$", "");
    }

    private static String hyper(Map<String, Object> h) {
        try {
            return JSON.writeValueAsString(h);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write hyperparameters as JSON: " + h, e);
        }
    }
}
